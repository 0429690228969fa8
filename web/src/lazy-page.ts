import { html } from 'lit-html';
import { t } from './i18n';
import type { PageFactory } from './router';
import { alertBox } from './ui';

/**
 * Shown when a page's module could not be fetched (offline, or a new version of the site replaced
 * its chunk): reloading fetches it again.
 */
export const loadFailedPage: PageFactory = () => ({
  title: () => t('site.name'),
  view: () => html`${alertBox(t('error.network'))}
    <p><button type="button" class="secondary" @click=${() => location.reload()}>${t('action.retry')}</button></p>`,
});

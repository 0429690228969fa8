import { html } from 'lit-html';
import { t } from '../i18n';
import type { PageFactory } from '../router';

export const notFoundPage: PageFactory = () => ({
  title: () => t('notFound.title'),
  view: () => html`<p>${t('notFound.text')}</p>
    <p><a href="/">${t('notFound.link')}</a></p>`,
});

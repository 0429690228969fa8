import { html } from 'lit-html';
import { t } from '../i18n';
import type { PageFactory } from '../router';

/** The server answers 404 for these addresses; the page helps the visitor on to where they may have meant to go. */
export const notFoundPage: PageFactory = () => ({
  title: () => t('notFound.title'),
  view: () => html`<p>${t('notFound.text')}</p>
    <ul class="plain not-found-links">
      <li><a href="/">${t('notFound.link')}</a></li>
      <li><a href="/practices">${t('notFound.practices')}</a></li>
      <li><a href="/materials">${t('notFound.materials')}</a></li>
      <li><a href="/partners">${t('notFound.partners')}</a></li>
    </ul>`,
});

import { html, nothing } from 'lit-html';
import { PARTNERSHIP_COUNTRIES } from '../countries';
import { countryName, formatList, t, type MessageKey } from '../i18n';
import type { PageFactory } from '../router';

const parts: { title: MessageKey; text: MessageKey; link?: { href: string; label: MessageKey } }[] = [
  {
    title: 'home.practices.title',
    text: 'home.practices.text',
    link: { href: '/practices', label: 'home.practices.link' },
  },
  {
    title: 'home.materials.title',
    text: 'home.materials.text',
    link: { href: '/materials', label: 'home.materials.link' },
  },
  { title: 'home.mobilities.title', text: 'home.mobilities.text' },
];

export const homePage: PageFactory = () => ({
  title: () => t('home.title'),
  view: () => html`
    <p class="lead">${t('home.lead')}</p>

    <section class="prose" aria-labelledby="why">
      <h2 id="why">${t('home.why.title')}</h2>
      <p>${t('home.why.text')}</p>
    </section>

    <section class="prose" aria-labelledby="method">
      <h2 id="method">${t('home.method.title')}</h2>
      <p>${t('home.method.text')}</p>
    </section>

    <section aria-labelledby="parts">
      <h2 id="parts">${t('home.parts.title')}</h2>
      <ul class="cards">
        ${parts.map(
          (part) => html`<li class="card">
            <h3>${t(part.title)}</h3>
            <p>${t(part.text)}</p>
            ${part.link ? html`<p><a href=${part.link.href}>${t(part.link.label)}</a></p>` : nothing}
          </li>`,
        )}
      </ul>
      <p class="muted">${t('home.parts.note')}</p>
    </section>

    <section class="prose" aria-labelledby="who">
      <h2 id="who">${t('home.who.title')}</h2>
      <p>${t('home.who.text', { countries: formatList(PARTNERSHIP_COUNTRIES.map(countryName)) })}</p>
      <p><a class="button-link" href="/partners">${t('home.who.link')}</a></p>
    </section>
  `,
});

import { html, nothing, type TemplateResult } from 'lit-html';
import type { SiteOverview } from '../api/schema';
import { client, settle } from '../client';
import { collator, countryName, formatList, formatter, getLang, t, type MessageKey } from '../i18n';
import { formatDay } from '../mobilities';
import type { Organisation } from '../organisations';
import { practiceHref } from '../practices';
import type { PageFactory } from '../router';
import { languageName } from '../vocabularies';
import { partnerHref } from '../links';

const parts: { title: MessageKey; text: MessageKey; link: { href: string; label: MessageKey } }[] = [
  { title: 'home.practices.title', text: 'home.practices.text', link: { href: '/practices', label: 'home.practices.link' } },
  { title: 'home.materials.title', text: 'home.materials.text', link: { href: '/materials', label: 'home.materials.link' } },
  { title: 'home.mobilities.title', text: 'home.mobilities.text', link: { href: '/essays', label: 'home.mobilities.link' } },
];

/** The home page: what the partnership does, and what is in Exchange now, from the data. */
export const homePage: PageFactory = (ctx) => {
  let overview: SiteOverview | null = null;
  let partners: Organisation[] = [];
  let lang = getLang();

  async function load(): Promise<void> {
    lang = getLang();
    const [result, organisations] = await Promise.all([
      settle(client.GET('/api/site/overview', { params: { query: { lang } } })),
      settle(client.GET('/api/organisations')),
    ]);
    if (result.ok && result.data) overview = result.data;
    if (organisations.ok && Array.isArray(organisations.data)) partners = organisations.data;
    ctx.update();
  }
  void load();

  function number(n: number): string {
    return formatter('number', (locale) => new Intl.NumberFormat(locale)).format(n);
  }

  /** The figures, or until they arrive the same boxes with their numbers left blank, so nothing below them moves. */
  function figures(o: SiteOverview | null): TemplateResult {
    const f = o?.figures;
    const items: [number | undefined, MessageKey][] = [
      [f?.partners, 'home.figures.partners'],
      [f?.countries, 'home.figures.countries'],
      [f?.practices, 'home.figures.practices'],
      [f?.materials, 'home.figures.materials'],
      [f?.visitsDone, 'home.figures.visits'],
    ];
    return html`<section aria-labelledby="figures" aria-busy=${o ? 'false' : 'true'}>
      <h2 id="figures" class="visually-hidden">${t('home.figures.title')}</h2>
      <ul class="figures">
        ${items.map(([n, key]) => html`<li><strong>${n === undefined ? '\u00a0' : number(n)}</strong> <span>${t(key)}</span></li>`)}
      </ul>
    </section>`;
  }

  function newest(o: SiteOverview): TemplateResult | typeof nothing {
    if (!o.newestPractices.length && !o.newestMaterials.length) return nothing;
    return html`<div class="home-columns">
      ${
        o.newestPractices.length
          ? html`<section aria-labelledby="newest-practices">
            <h2 id="newest-practices">${t('home.newestPractices')}</h2>
            <ul class="plain home-list">
              ${o.newestPractices.map(
                (p) => html`<li>
                  <a href=${practiceHref(p.id)} lang=${p.language}>${p.name}</a>
                  <span class="note">${p.organisationName} · ${[p.city, countryName(p.country)].filter(Boolean).join(', ')}</span>
                </li>`,
              )}
            </ul>
            <p><a href="/practices">${t('home.practices.link')}</a></p>
          </section>`
          : nothing
      }
      ${
        o.newestMaterials.length
          ? html`<section aria-labelledby="newest-materials">
            <h2 id="newest-materials">${t('home.newestMaterials')}</h2>
            <ul class="plain home-list">
              ${o.newestMaterials.map(
                (m) => html`<li>
                  <a href=${`/materials?q=${encodeURIComponent(m.title)}`} lang=${m.language}>${m.title}</a>
                  <span class="note">${m.organisationName} · ${m.year} · ${m.languages.map(languageName).join(', ')}</span>
                </li>`,
              )}
            </ul>
            <p><a href="/materials">${t('home.materials.link')}</a></p>
          </section>`
          : nothing
      }
    </div>`;
  }

  function upcoming(o: SiteOverview): TemplateResult {
    return html`<section aria-labelledby="upcoming-visits">
      <h2 id="upcoming-visits">${t('home.upcoming.title')}</h2>
      ${
        o.upcomingVisits.length
          ? html`<ul class="plain home-list">
            ${o.upcomingVisits.map(
              (h) => html`<li>
                <strong>${[h.city, countryName(h.country)].filter(Boolean).join(', ')}</strong>:
                <a href=${partnerHref(h.organisationId)}>${h.name}</a>
                <span class="note">
                  · ${t('home.upcoming.many', { count: h.visits, date: formatDay(h.firstStart) })}</span
                >
              </li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('home.upcoming.none')}</p>`
      }
    </section>`;
  }

  function who(): TemplateResult | typeof nothing {
    if (!partners.length) return nothing;
    const compare = collator().compare;
    const countries = [...new Set(partners.map((p) => p.country))].map(countryName).sort(compare);
    return html`<section class="prose" aria-labelledby="who">
      <h2 id="who">${t('home.who.title')}</h2>
      <p>${t('home.who.text', { count: partners.length, countries: formatList(countries) })}</p>
      <p><a class="button-link" href="/partners">${t('home.who.link')}</a></p>
    </section>`;
  }

  return {
    title: () => t('home.title'),
    // What comes from the data (beyond the figures' fixed boxes) sits below the fixed text, so its arrival pushes
    // nothing the visitor is reading.
    view: () => {
      if (lang !== getLang()) void load();
      return html`
        <p class="lead">${t('home.lead')}</p>
        ${figures(overview)}

        <section aria-labelledby="parts">
          <h2 id="parts">${t('home.parts.title')}</h2>
          <ul class="cards">
            ${parts.map(
              (part) => html`<li class="card">
                <h3>${t(part.title)}</h3>
                <p>${t(part.text)}</p>
                <p><a href=${part.link.href}>${t(part.link.label)}</a></p>
              </li>`,
            )}
          </ul>
        </section>

        <section class="prose" aria-labelledby="why">
          <h2 id="why">${t('home.why.title')}</h2>
          <p>${t('home.why.text')}</p>
        </section>

        <section class="prose" aria-labelledby="method">
          <h2 id="method">${t('home.method.title')}</h2>
          <p>${t('home.method.text')}</p>
        </section>

        ${overview ? newest(overview) : nothing} ${overview ? upcoming(overview) : nothing} ${who()}
      `;
    },
  };
};

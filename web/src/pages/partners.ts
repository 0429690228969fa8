import { html, nothing, type TemplateResult } from 'lit-html';
import { collator, countryName, t } from '../i18n';
import { kindLabel } from '../kinds';
import { partnerHref } from '../links';
import { client, settle } from '../client';
import type { Organisation } from '../organisations';
import { loadStateView, PageLoad } from '../page';
import type { PageFactory } from '../router';
import { safeHttpUrl } from '../ui';

function groupByCountry(organisations: Organisation[]): { code: string; name: string; items: Organisation[] }[] {
  const groups = new Map<string, Organisation[]>();
  for (const org of organisations) {
    const code = (org.country ?? '').toUpperCase();
    groups.set(code, [...(groups.get(code) ?? []), org]);
  }
  const compare = collator().compare;
  return [...groups.entries()]
    .map(([code, items]) => ({
      code,
      name: countryName(code),
      items: [...items].sort((a, b) => compare(a.name, b.name)),
    }))
    .sort((a, b) => compare(a.name, b.name));
}

function organisationCard(org: Organisation): TemplateResult {
  const website = safeHttpUrl(org.website);
  return html`<article class="card org">
    <h3><a href=${partnerHref(org.id)}>${org.name}</a></h3>
    <dl class="facts">
      ${org.city ? html`<div><dt>${t('partners.city')}</dt><dd>${org.city}</dd></div>` : nothing}
      ${org.kind ? html`<div><dt>${t('partners.kind')}</dt><dd>${kindLabel(org.kind)}</dd></div>` : nothing}
      ${
        website
          ? html`<div>
            <dt>${t('partners.website')}</dt>
            <dd><a href=${website} rel="noopener">${org.website}</a></dd>
          </div>`
          : nothing
      }
    </dl>
    ${org.description ? html`<p class="description">${org.description}</p>` : nothing}
  </article>`;
}

export const partnersPage: PageFactory = (ctx) => {
  const organisations = new PageLoad(
    // Not the editors' organisations module: the public pages load none of the forms' code.
    () => settle(client.GET('/api/organisations')),
    () => ctx.update(),
    Array.isArray,
  );
  void organisations.load();

  function body(list: Organisation[]): TemplateResult {
    if (!list.length) return html`<p class="notice">${t('partners.empty')}</p>`;
    return html`${groupByCountry(list).map(
      (group) => html`<section class="country" aria-labelledby=${`country-${group.code}`}>
        <div class="country-head">
          <h2 id=${`country-${group.code}`}>${group.name}</h2>
          <p class="count">
            ${t('partners.count', { count: group.items.length })}
          </p>
        </div>
        <div class="org-grid">${group.items.map((org) => organisationCard(org))}</div>
      </section>`,
    )}`;
  }

  return {
    title: () => t('partners.title'),
    view: () => html`<p class="lead">${t('partners.intro')}</p>
      ${loadStateView(organisations.state, {
        ready: body,
        missing: t('partners.empty'),
        retry: () => void organisations.load(),
        errorLead: t('partners.loadError'),
      })}`,
  };
};

import { html, nothing, type TemplateResult } from 'lit-html';
import { api, problemMessage } from '../api';
import { collator, countryName, t } from '../i18n';
import { kindLabel } from '../kinds';
import { formatDays, type PublishedEssay } from '../mobilities';
import type { Organisation } from '../organisations';
import type { PageFactory } from '../router';
import { loading, safeHttpUrl } from '../ui';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; organisations: Organisation[] };

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

function essayList(essays: PublishedEssay[]): TemplateResult | typeof nothing {
  if (!essays.length) return nothing;
  return html`<div class="org-essays">
    <h4>${t('partners.essays')}</h4>
    <ul class="plain">
      ${essays.map(
        (e) => html`<li>
          <details>
            <summary>${t('partners.essayBy', { name: e.participantName, profession: e.profession, from: e.sendingOrganisationName })}</summary>
            <p class="note">${formatDays(e.startDate, e.endDate)}</p>
            <p class="pre">${e.text}</p>
          </details>
        </li>`,
      )}
    </ul>
  </div>`;
}

function organisationCard(org: Organisation, essays: PublishedEssay[]): TemplateResult {
  const website = safeHttpUrl(org.website);
  return html`<article class="card org">
    <h3>${org.name}</h3>
    <dl class="facts">
      ${org.city ? html`<div><dt>${t('partners.city')}</dt><dd>${org.city}</dd></div>` : nothing}
      ${org.kind ? html`<div><dt>${t('partners.kind')}</dt><dd>${kindLabel(org.kind)}</dd></div>` : nothing}
      ${website
        ? html`<div>
            <dt>${t('partners.website')}</dt>
            <dd><a href=${website} rel="noopener">${org.website}</a></dd>
          </div>`
        : nothing}
    </dl>
    ${org.description ? html`<p class="description">${org.description}</p>` : nothing} ${essayList(essays)}
  </article>`;
}

export const partnersPage: PageFactory = (ctx) => {
  let state: State = { kind: 'loading' };
  /** Published essays by host organisation; a failure only leaves the lists out. */
  let essays = new Map<string, PublishedEssay[]>();

  async function loadEssays(): Promise<void> {
    const result = await api<PublishedEssay[]>('/api/essays');
    if (!result.ok || !Array.isArray(result.data)) return;
    const byHost = new Map<string, PublishedEssay[]>();
    for (const e of result.data) byHost.set(e.hostOrganisationId, [...(byHost.get(e.hostOrganisationId) ?? []), e]);
    essays = byHost;
    ctx.update();
  }
  void loadEssays();

  async function load(): Promise<void> {
    state = { kind: 'loading' };
    ctx.update();
    const result = await api<Organisation[]>('/api/organisations');
    state =
      result.ok && Array.isArray(result.data)
        ? { kind: 'ready', organisations: result.data }
        : { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
    ctx.update();
  }
  void load();

  function body(): TemplateResult {
    if (state.kind === 'loading') return loading();
    if (state.kind === 'error') {
      return html`<div class="notice" role="alert">
        <p><strong>${t('partners.loadError')}</strong></p>
        <p>${state.message}</p>
        <p><button type="button" class="secondary" @click=${() => load()}>${t('action.retry')}</button></p>
      </div>`;
    }
    if (!state.organisations.length) return html`<p class="notice">${t('partners.empty')}</p>`;
    return html`${groupByCountry(state.organisations).map(
      (group) => html`<section class="country" aria-labelledby=${`country-${group.code}`}>
        <div class="country-head">
          <h2 id=${`country-${group.code}`}>${group.name}</h2>
          <p class="count">
            ${group.items.length === 1 ? t('partners.countOne') : t('partners.count', { count: group.items.length })}
          </p>
        </div>
        <div class="org-grid">${group.items.map((org) => organisationCard(org, essays.get(org.id) ?? []))}</div>
      </section>`,
    )}`;
  }

  return {
    title: () => t('partners.title'),
    view: () => html`<p class="lead">${t('partners.intro')}</p>
      ${body()}`,
  };
};

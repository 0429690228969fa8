import { html, nothing, type TemplateResult } from 'lit-html';
import { api, problemMessage } from '../api';
import { countryName, getLang, t } from '../i18n';
import { kindLabel } from '../kinds';
import { compactMaterialList, type LibraryItem, type LibraryPage } from '../materials';
import { essayArticle, formatDays, type PublishedEssay } from '../mobilities';
import type { Organisation } from '../organisations';
import { practiceHref, type CatalogueItem } from '../practices';
import type { PageFactory } from '../router';
import { loading, safeHttpUrl } from '../ui';
import { languageName, loadVocabularies } from '../vocabularies';
import { transferCard, type TransferView } from '../transfers';
import '../discussion.css';

interface HostedVisit {
  sendingOrganisationId: string;
  sendingOrganisationName: string;
  sendingCountry: string;
  profession: string;
  startDate: string;
  endDate: string;
  hasEssay: boolean;
}

interface PartnerProfile {
  organisation: Organisation;
  practices: CatalogueItem[];
  hostedVisits: HostedVisit[];
  essays: PublishedEssay[];
}

type State =
  { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready'; profile: PartnerProfile };

/** A partner's public page: where it is, its website, its practices and materials, the visits it hosted and the essays about them. */
export const partnerPage: PageFactory = (ctx) => {
  let state: State = { kind: 'loading' };
  let materials: LibraryItem[] | null = null;
  let transfers: { tookUp: TransferView[]; takenUpFromIt: TransferView[] } | null = null;
  let lang = getLang();

  async function load(): Promise<void> {
    lang = getLang();
    void api<{ tookUp: TransferView[]; takenUpFromIt: TransferView[] }>(
      `/api/transfers/partners/${encodeURIComponent(ctx.params.id)}`,
    ).then((r) => {
      transfers = r.ok && r.data && Array.isArray(r.data.tookUp) ? r.data : { tookUp: [], takenUpFromIt: [] };
      ctx.update();
    });
    const [result, library] = await Promise.all([
      api<PartnerProfile>(`/api/partners/${encodeURIComponent(ctx.params.id)}?lang=${lang}`),
      api<LibraryPage>(`/api/materials?organisation=${encodeURIComponent(ctx.params.id)}&lang=${lang}`),
      loadVocabularies(),
    ]);
    if (result.ok && result.data) state = { kind: 'ready', profile: result.data };
    else if (!result.ok && result.status === 404) state = { kind: 'missing' };
    else state = { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
    materials = library.ok && library.data && Array.isArray(library.data.items) ? library.data.items : [];
    ctx.update();
  }
  void load();

  function section(id: string, heading: string, content: TemplateResult, empty: boolean, emptyText: string): TemplateResult {
    return html`<section class="profile-section" aria-labelledby=${id}>
      <h2 id=${id}>${heading}</h2>
      ${empty ? html`<p class="muted">${emptyText}</p>` : content}
    </section>`;
  }

  function facts(o: Organisation): TemplateResult {
    const website = safeHttpUrl(o.website);
    return html`<dl class="facts profile-facts">
        <div><dt>${t('partner.place')}</dt><dd>${[o.city, countryName(o.country)].filter(Boolean).join(', ')}</dd></div>
        <div><dt>${t('partners.kind')}</dt><dd>${kindLabel(o.kind)}</dd></div>
        ${
          website
            ? html`<div><dt>${t('partners.website')}</dt><dd><a href=${website} rel="noopener">${o.website}</a></dd></div>`
            : nothing
        }
      </dl>
      ${o.description ? html`<p class="description pre">${o.description}</p>` : nothing}`;
  }

  function practices(list: CatalogueItem[]): TemplateResult {
    return html`<ul class="plain profile-practices">
      ${list.map(
        (p) => html`<li>
          <a href=${practiceHref(p.id)} lang=${p.language}>${p.name}</a>
          <span class="note"> · ${p.languages.map(languageName).join(', ')}</span>
        </li>`,
      )}
    </ul>`;
  }

  function visits(list: HostedVisit[]): TemplateResult {
    return html`<ul class="plain profile-visits">
      ${list.map(
        (v) => html`<li>
          ${t('partner.visit', { profession: v.profession, from: v.sendingOrganisationName, country: countryName(v.sendingCountry) })}
          <span class="note">· ${formatDays(v.startDate, v.endDate)}</span>
        </li>`,
      )}
    </ul>`;
  }

  function body(): TemplateResult {
    if (lang !== getLang()) void load();
    const back = html`<p class="back"><a href="/partners">${t('partner.back')}</a></p>`;
    switch (state.kind) {
      case 'loading':
        return html`${back}${loading()}`;
      case 'missing':
        return html`${back}<p class="notice">${t('partner.notFound')}</p>`;
      case 'error':
        return html`${back}<div class="notice" role="alert"><p>${state.message}</p></div>`;
    }
    const p = state.profile;
    return html`${back} ${facts(p.organisation)}
      ${section('partner-practices', t('partner.practices'), practices(p.practices), !p.practices.length, t('partner.noPractices'))}
      ${section(
        'partner-materials',
        t('partner.materials'),
        materials ? compactMaterialList(materials) : loading(),
        !!materials && !materials.length,
        t('partner.noMaterials'),
      )}
      ${section(
        'partner-took-up',
        t('transfer.partnerTookUp'),
        html`<ul class="transfer-list">${(transfers?.tookUp ?? []).map((x) => html`<li>${transferCard(x, 'practice')}</li>`)}</ul>`,
        !!transfers && !transfers.tookUp.length,
        t('transfer.partnerTookUpNone'),
      )}
      ${section(
        'partner-taken-up',
        t('transfer.partnerTakenUp'),
        html`<ul class="transfer-list">${(transfers?.takenUpFromIt ?? []).map((x) => html`<li>${transferCard(x, 'both')}</li>`)}</ul>`,
        !!transfers && !transfers.takenUpFromIt.length,
        t('transfer.partnerTakenUpNone'),
      )}
      ${section('partner-visits', t('partner.visits'), visits(p.hostedVisits), !p.hostedVisits.length, t('partner.noVisits'))}
      ${section(
        'partner-essays',
        t('partner.essays'),
        html`${p.essays.map((e) => essayArticle(e, false))}`,
        !p.essays.length,
        t('partner.noEssays'),
      )}`;
  }

  return {
    title: () =>
      state.kind === 'ready'
        ? state.profile.organisation.name
        : state.kind === 'missing'
          ? t('partner.notFoundTitle')
          : ctx.firstHeading || t('partners.title'),
    view: body,
  };
};

import { html, nothing, type TemplateResult } from 'lit-html';
import type { HostedVisit, PartnerProfile, PartnerTransfers } from '../api/schema';
import { client, settle } from '../client';
import { countryName, getLang, t } from '../i18n';
import { kindLabel } from '../kinds';
import { compactMaterialList, type LibraryItem } from '../materials';
import { essayArticle, formatDays } from '../mobilities';
import type { Organisation } from '../organisations';
import { practiceHref, type CatalogueItem } from '../practices';
import { loadStateView, PageLoad } from '../page';
import type { PageFactory } from '../router';
import { loading, safeHttpUrl } from '../ui';
import { languageName, loadVocabularies } from '../vocabularies';
import { transferCard } from '../transfers';
import '../discussion.css';

/** A partner's public page: where it is, its website, its practices and materials, the visits it hosted and the essays about them. */
export const partnerPage: PageFactory = (ctx) => {
  const id = ctx.params.id;
  let materials: LibraryItem[] | null = null;
  let transfers: PartnerTransfers | null = null;
  let lang = getLang();
  const profile = new PageLoad(
    async () => {
      const [result, library] = await Promise.all([
        settle(client.GET('/api/partners/{id}', { params: { path: { id }, query: { lang } } })),
        settle(client.GET('/api/materials', { params: { query: { organisation: [id], lang } } })),
        loadVocabularies(),
      ]);
      materials = library.ok && library.data && Array.isArray(library.data.items) ? library.data.items : [];
      return result;
    },
    () => ctx.update(),
  );

  async function load(keep = false): Promise<void> {
    lang = getLang();
    void settle(client.GET('/api/transfers/partners/{organisationId}', { params: { path: { organisationId: id } } })).then(
      (r) => {
        transfers = r.ok && r.data && Array.isArray(r.data.tookUp) ? r.data : { tookUp: [], takenUpFromIt: [] };
        ctx.update();
      },
    );
    await profile.load({ keep });
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
    if (lang !== getLang()) void load(true);
    return loadStateView(profile.state, {
      before: html`<p class="back"><a href="/partners">${t('partner.back')}</a></p>`,
      missing: t('partner.notFound'),
      ready: partner,
    });
  }

  function partner(p: PartnerProfile): TemplateResult {
    return html` ${facts(p.organisation)}
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
      profile.value
        ? profile.value.organisation.name
        : profile.state.kind === 'missing'
          ? t('partner.notFoundTitle')
          : ctx.firstHeading || t('partners.title'),
    view: body,
  };
};

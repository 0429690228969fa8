import { html, nothing, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { getLang, t } from '../i18n';
import { categoryLabel, materialEditHref, type LibraryItem } from '../materials';
import { followSession, loadStateView, toLoadState, type LoadState } from '../page';
import type { PageFactory } from '../router';
import { isCoordinator } from '../session';
import { dataTable, editorOnly, statusRegion } from '../ui';
import { languageName } from '../vocabularies';

export const myMaterialsPage: PageFactory = (ctx) => {
  let state: LoadState<LibraryItem[]> = { kind: 'loading' };
  let requestedLang = '';

  async function load(): Promise<void> {
    requestedLang = getLang();
    // editable=true: the partner's own materials (all of them for a coordinator), with or without files.
    const result = await settle(client.GET('/api/materials', { params: { query: { editable: 'true', lang: getLang() } } }));
    state = toLoadState(result.ok ? { ...result, data: result.data.items } : result, (items) => Array.isArray(items));
    followSession(result);
    ctx.update();
  }

  function files(m: LibraryItem): TemplateResult | string {
    if (!m.versions.length) return html`<span class="note">${t('myMaterials.noFiles')}</span>`;
    // One element: on narrow screens the cell is a two-column grid (label, content).
    return html`<span
      >${m.versions.map(
        (v, i) =>
          html`${i ? ', ' : ''}${languageName(v.language)}${
            v.outOfDate ? html` <span class="badge warning">${t('practice.outOfDate')}</span>` : nothing
          }`,
      )}</span
    >`;
  }

  function downloads(m: LibraryItem): string {
    const total = m.versions.reduce((sum, v) => sum + (v.downloads ?? 0), 0);
    return String(total);
  }

  function table(list: LibraryItem[]): TemplateResult {
    if (!list.length) {
      return html`<p class="notice">${isCoordinator() ? t('myMaterials.emptyAll') : t('myMaterials.empty')}</p>`;
    }
    const coordinator = isCoordinator();
    return dataTable<LibraryItem>(
      [
        {
          label: t('myMaterials.colTitle'),
          cell: (m) => html`<a href=${materialEditHref(m.id)}>${m.title || t('my.untitled')}</a>`,
        },
        ...(coordinator ? [{ label: t('my.colOrganisation'), cell: (m: LibraryItem) => m.organisationName }] : []),
        { label: t('material.category'), cell: (m) => categoryLabel(m.category) },
        { label: t('material.year'), cell: (m) => String(m.year) },
        { label: t('myMaterials.colFiles'), cell: files },
        { label: t('myMaterials.colDownloads'), cell: downloads },
      ],
      list,
      t(isCoordinator() ? 'myMaterials.titleCoordinator' : 'myMaterials.title'),
    );
  }

  function countText(count: number): string {
    return t('myMaterials.count', { count });
  }

  function body(): TemplateResult {
    // Titles come in the interface language: ask again when it changes.
    if (requestedLang !== getLang()) void load();
    return html`<p class="lead">${isCoordinator() ? t('myMaterials.introCoordinator') : t('myMaterials.intro')}</p>
      <div class="toolbar">
        <a class="button-link" href="/my/materials/new">${t('myMaterials.new')}</a>
        <a href="/materials">${t('myMaterials.library')}</a>
      </div>
      ${statusRegion(state.kind === 'ready' ? countText(state.value.length) : null)}
      ${loadStateView(state, { missing: t('error.404'), ready: table })}`;
  }

  return {
    title: () => t(isCoordinator() ? 'myMaterials.titleCoordinator' : 'myMaterials.title'),
    view: () => editorOnly(body),
  };
};

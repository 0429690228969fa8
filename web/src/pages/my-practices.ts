import { html, nothing, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { t } from '../i18n';
import { editHref, statusBadge, statusLabel, time, type PracticeSummary } from '../practices';
import { loadStateView, once, PageLoad } from '../page';
import { navigate, type PageFactory } from '../router';
import { isCoordinator } from '../session';
import { dataTable, editorOnly, statusRegion } from '../ui';
import { languageName } from '../vocabularies';

/** The coordinator's filter: a status, or everything. "submitted" (awaiting review) by default. */
const DEFAULT_FILTER = 'submitted';
const FILTERS: readonly string[] = ['submitted', 'changes-requested', 'draft', 'published', 'unpublished', 'all'];

export const myPracticesPage: PageFactory = (ctx) => {
  const wanted = ctx.query.get('status') ?? '';
  const filter = FILTERS.includes(wanted) ? wanted : DEFAULT_FILTER;
  const practices = new PageLoad(
    () =>
      settle(
        client.GET('/api/practices', {
          params: { query: { status: isCoordinator() && filter !== 'all' ? filter : undefined } },
        }),
      ),
    () => ctx.update(),
    Array.isArray,
  );
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void practices.load({ keep: true }));

  function filterSelect(): TemplateResult {
    const change = (e: Event) => {
      const value = (e.target as HTMLSelectElement).value;
      navigate(value === DEFAULT_FILTER ? '/my/practices' : `/my/practices?status=${encodeURIComponent(value)}`, {
        keepFocus: true,
      });
    };
    return html`<div class="field inline-field">
      <label for="my-status">${t('my.filter')}</label>
      <select id="my-status" @change=${change}>
        ${FILTERS.map(
          (f) => html`<option value=${f} .selected=${f === filter}>${f === 'all' ? t('status.all') : statusLabel(f)}</option>`,
        )}
      </select>
    </div>`;
  }

  function countText(count: number): string {
    return t('my.count', { count });
  }

  function emptyMessage(): string {
    if (!isCoordinator()) return t('my.empty');
    if (filter === 'submitted') return t('my.emptySubmitted');
    if (filter === 'all') return t('my.emptyAll');
    return t('my.emptyFilter');
  }

  function table(practices: PracticeSummary[]): TemplateResult {
    // The newest change first.
    const list = [...practices].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    if (!list.length) return html`<p class="notice">${emptyMessage()}</p>`;
    const coordinator = isCoordinator();
    return dataTable<PracticeSummary>(
      [
        {
          label: t('my.colName'),
          cell: (p) => html`<a href=${editHref(p.id)}>${p.name || t('my.untitled')}</a>`,
        },
        ...(coordinator ? [{ label: t('my.colOrganisation'), cell: (p: PracticeSummary) => p.organisationName }] : []),
        {
          label: t('my.colStatus'),
          cell: (p) =>
            html`${statusBadge(p.status)}${
              p.isPublished && p.status !== 'published' ? html` <span class="note">${t('my.liveVersion')}</span>` : nothing
            }${
              p.status === 'published' && p.hasPendingRevision
                ? html` <span class="note">${t('my.pendingRevision')}</span>`
                : nothing
            }`,
        },
        { label: t('my.colLanguages'), cell: (p) => (p.languages ?? []).map(languageName).join(', ') },
        { label: t('my.colUpdated'), cell: (p) => time(p.updatedAt) },
      ],
      list,
      coordinator ? t('my.titleCoordinator') : t('my.title'),
    );
  }

  function body(): TemplateResult {
    start();
    const coordinator = isCoordinator();
    return html`<p class="lead">${coordinator ? t('my.introCoordinator') : t('my.intro')}</p>
      <div class="toolbar">
        <a class="button-link" href="/my/practices/new">${t('my.new')}</a>
        ${coordinator ? filterSelect() : nothing}
      </div>
      ${statusRegion(practices.value ? countText(practices.value.length) : null)}
      ${loadStateView(practices.state, { ready: table, missing: emptyMessage() })}`;
  }

  return {
    title: () => (isCoordinator() ? t('my.titleCoordinator') : t('my.title')),
    view: () => editorOnly(body),
  };
};

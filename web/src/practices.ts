import { html, nothing, type TemplateResult } from 'lit-html';
import { formatDateTime, getLang, intlLocale, t, type MessageKey } from './i18n';
import type { ApiResult } from './api';
import type * as Schema from './api/schema';
import type { PracticeStatus } from './api/schema';
import { client, settle } from './client';
import { languageName } from './vocabularies';

/** A practice's indicator and one language version of its published text, as the API describes them. */
export type Indicator = Schema.Indicator;
export type PracticeText = Schema.CatalogueText;

/** The translatable part of a practice: a text version without its language and revision marks. */
export type TextBlock = Omit<PracticeText, 'language' | 'isOriginal' | 'outOfDate'>;

/** Limits of the template (characters; the API enforces the same). */
export const LIMITS = {
  name: 200,
  objectives: 4000,
  description: 8000,
  budget: 1000,
  fundingSource: 500,
  evaluation: 6000,
  indicators: 20,
  indicatorName: 200,
  indicatorValue: 100,
  comment: 2000,
} as const;

export const STATUSES = [
  'draft',
  'submitted',
  'changes-requested',
  'published',
  'unpublished',
] as const satisfies readonly PracticeStatus[];
export type { PracticeStatus };

/** The body of POST and PUT /api/practices: partners leave the organisation null and their own is used. */
export type PracticeInput = Schema.PracticeInput;

/** A change of a practice's status, by its editor (submit) or the coordinator (the rest). */
export type Transition = 'submit' | 'request-changes' | 'publish' | 'unpublish';

/** Sends a status change under the practice's ETag; the comment goes with a request for changes or an unpublishing. */
export function sendTransition(
  id: string,
  action: Transition,
  etag: string,
  comment: string,
): Promise<ApiResult<EditorPractice>> {
  const params = { path: { id }, header: { 'If-Match': etag } };
  switch (action) {
    case 'submit':
      return settle(client.POST('/api/practices/{id}/submit', { params }));
    case 'publish':
      return settle(client.POST('/api/practices/{id}/publish', { params }));
    case 'request-changes':
      return settle(client.POST('/api/practices/{id}/request-changes', { params, body: { comment } }));
    case 'unpublish':
      // The reason is optional.
      return settle(client.POST('/api/practices/{id}/unpublish', { params, body: { comment: comment || null } }));
  }
}

export type HistoryAction =
  | 'created'
  | 'edited'
  | 'submitted'
  | 'resubmitted'
  | 'changes-requested'
  | 'published'
  | 'unpublished'
  | 'translated'
  | 'translation-removed';

/** One line of a practice's history; its action is a HistoryAction, or a newer one this site shows as it is. */
export type HistoryEntry = Schema.HistoryEntry;

/** GET /api/practices/{id}: the working copy, for editors. */
export type EditorPractice = Schema.PracticeView;

/** GET /api/practices: one row of an editor's list. */
export type PracticeSummary = Schema.PracticeListItem;

/** GET /api/catalogue: a page of published practices, and one of its rows. */
export type CatalogueItem = Schema.CatalogueItem;
export type CatalogueResponse = Schema.CataloguePage;
export type FacetValue = Schema.FacetValue;
export type FacetName = keyof Schema.CatalogueFacets;

/** GET /api/catalogue/{id}: a published practice. */
export type PublicPractice = Schema.CatalogueDocument;

export function originalText<T extends { isOriginal: boolean }>(texts: T[] | null | undefined): T | undefined {
  return texts?.find((x) => x.isOriginal) ?? texts?.[0];
}

/** "2011 – ongoing", "2011 – 2015", or "2015" for a single year. */
export function formatYears(p: { startYear: number | null; endYear: number | null; ongoing: boolean }): string {
  if (p.startYear == null) return p.ongoing ? t('practice.ongoingLower') : '';
  if (p.ongoing) return `${p.startYear} – ${t('practice.ongoingLower')}`;
  if (p.endYear == null || p.endYear === p.startYear) return String(p.startYear);
  return `${p.startYear} – ${p.endYear}`;
}

export function formatAmount(amount: number, currency: string | null): string {
  if (currency) {
    try {
      return new Intl.NumberFormat(intlLocale(), {
        style: 'currency',
        currency,
        minimumFractionDigits: Number.isInteger(amount) ? 0 : undefined,
      }).format(amount);
    } catch {
      // Not an ISO 4217 code: show it next to the number.
    }
  }
  const number = new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 2 }).format(amount);
  return currency ? `${number} ${currency}` : number;
}

const statusKeys: Record<PracticeStatus, MessageKey> = {
  draft: 'status.draft',
  submitted: 'status.submitted',
  'changes-requested': 'status.changes-requested',
  published: 'status.published',
  unpublished: 'status.unpublished',
};

export function statusLabel(status: string): string {
  return status in statusKeys ? t(statusKeys[status as PracticeStatus]) : status;
}

export function statusBadge(status: string): TemplateResult {
  return html`<span class="badge status-${status}">${statusLabel(status)}</span>`;
}

const historyKeys: Record<HistoryAction, MessageKey> = {
  created: 'history.created',
  edited: 'history.edited',
  submitted: 'history.submitted',
  resubmitted: 'history.resubmitted',
  'changes-requested': 'history.changes-requested',
  published: 'history.published',
  unpublished: 'history.unpublished',
  translated: 'history.translated',
  'translation-removed': 'history.translation-removed',
};

export function historyLabel(action: string): string {
  return action in historyKeys ? t(historyKeys[action as HistoryAction]) : action;
}

/** A badge with a language's name, and a warning badge when that version is out of date. */
export function languageBadge(code: string, outOfDate = false): TemplateResult {
  return html`<span class="badge lang-badge">${languageName(code)}</span>${
    outOfDate ? html` <span class="badge warning">${t('practice.outOfDate')}</span>` : nothing
  }`;
}

export function time(iso: string | null | undefined): TemplateResult | string {
  return iso ? html`<time datetime=${iso}>${formatDateTime(iso)}</time>` : '';
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'long' }).format(date);
}

/** Which text version to show: the one asked for, else the interface language, else the original. */
export function chooseText<T extends { language: string; isOriginal: boolean }>(
  texts: T[],
  wanted: string | null,
): T | undefined {
  return (
    (wanted ? texts.find((x) => x.language === wanted) : undefined) ??
    texts.find((x) => x.language === getLang()) ??
    originalText(texts)
  );
}

/** The catalogue's last query string, so a detail page can link back to the same results. */
let catalogueSearch = '';

export function rememberCatalogueSearch(search: string): void {
  catalogueSearch = search;
}

export function catalogueHref(): string {
  return `/practices${catalogueSearch}`;
}

export function practiceHref(id: string): string {
  return `/practices/${encodeURIComponent(id)}`;
}

export function editHref(id: string): string {
  return `/my/practices/${encodeURIComponent(id)}`;
}

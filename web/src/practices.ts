import { html, nothing, type TemplateResult } from 'lit-html';
import { formatDateTime, getLang, intlLocale, t, type MessageKey } from './i18n';
import { languageName } from './vocabularies';

/** The translatable part of a practice. */
export interface Indicator {
  name: string;
  value: string | null;
}

export interface TextBlock {
  name: string;
  objectives: string;
  description: string;
  budget: string | null;
  fundingSource: string | null;
  evaluation: string;
  indicators: Indicator[];
}

export interface PracticeText extends TextBlock {
  language: string;
  isOriginal: boolean;
  translatesRevision?: number | null;
  outOfDate: boolean;
}

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

export const STATUSES = ['draft', 'submitted', 'changes-requested', 'published', 'unpublished'] as const;
export type PracticeStatus = (typeof STATUSES)[number];

interface PracticeFacts {
  organisationId: string;
  language: string;
  country: string;
  city: string;
  startYear: number | null;
  endYear: number | null;
  ongoing: boolean;
  fields: string[];
  targetGroups: string[];
  budgetAmount: number | null;
  budgetCurrency: string | null;
  budgetYear: number | null;
}

export interface PracticeInput extends Omit<PracticeFacts, 'organisationId'> {
  /** Coordinators choose; partners omit it and their own organisation is used. */
  organisationId?: string;
  contactVisible: boolean;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  text: TextBlock;
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

export interface HistoryEntry {
  /** One of HistoryAction, or a newer action this site does not name yet (shown as it is). */
  action: string;
  by: string;
  at: string;
  comment: string | null;
}

/** GET /api/practices/{id}: the working copy, for editors. */
export interface EditorPractice extends PracticeFacts {
  id: string;
  organisationName: string;
  status: PracticeStatus;
  isPublished: boolean;
  hasPendingRevision: boolean;
  revision: number;
  contactVisible: boolean;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  texts: PracticeText[];
  lastComment: string | null;
  history: HistoryEntry[];
  etag: string;
}

/** GET /api/practices: one row of an editor's list. */
export interface PracticeSummary {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  status: PracticeStatus;
  isPublished: boolean;
  hasPendingRevision: boolean;
  updatedAt: string;
  languages: string[];
}

export interface CatalogueItem {
  id: string;
  name: string;
  summary: string;
  language: string;
  city: string;
  country: string;
  organisationId: string;
  organisationName: string;
  startYear: number | null;
  endYear: number | null;
  ongoing: boolean;
  fields: string[];
  targetGroups: string[];
  languages: string[];
  publishedAt: string;
  /** How many other partners took the practice up. */
  transfers?: number;
}

export interface FacetValue {
  value: string;
  count: number;
}

export type FacetName = 'country' | 'field' | 'targetGroup' | 'language' | 'ongoing' | 'takenUp';

export interface CatalogueResponse {
  total: number;
  page: number;
  pageSize: number;
  items: CatalogueItem[];
  facets: Partial<Record<FacetName, FacetValue[]>>;
}

/** GET /api/catalogue/{id}: a published practice. */
export interface PublicPractice extends PracticeFacts {
  id: string;
  organisationName: string;
  contact: { name: string | null; email: string | null; phone: string | null } | null;
  texts: PracticeText[];
  publishedAt: string;
}

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

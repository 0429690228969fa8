import { html, nothing, type TemplateResult } from 'lit-html';
import { api } from './api';
import { formatList, intlLocale, t, type MessageKey } from './i18n';
import { languageNameInline } from './vocabularies';

/* The materials API (/api/materials): one document in several language versions. */

export const CATEGORIES = [
  'final-publication',
  'policy-paper',
  'case-study',
  'practice-report',
  'training-material',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** GET /api/materials/settings: what an upload may be. */
export interface UploadSettings {
  allowedTypes: string[];
  contentTypes: string[];
  extensions: string[];
  maxUploadBytes: number;
  categories: string[];
  languages: string[];
  defaultLicence: string;
}

/** One language version in the library. */
export interface LibraryVersion {
  language: string;
  title: string;
  isOriginal: boolean;
  outOfDate: boolean;
  fileName: string;
  type: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  /** Only for the material's editors; null for everybody else. */
  downloads: number | null;
  downloadUrl: string;
  /** Opens a PDF in the browser; null for other types. */
  readUrl: string | null;
}

/** GET /api/materials: one material, its versions ordered with the preferred one first. */
export interface LibraryItem {
  id: string;
  title: string;
  description: string;
  category: string;
  year: number;
  licence: string;
  /** Language of the original. */
  language: string;
  organisationId: string;
  organisationName: string;
  relatedPractices: string[];
  preferredLanguage: string;
  /** Languages whose file holds every search word. */
  matchedLanguages: string[];
  editable: boolean;
  versions: LibraryVersion[];
}

export interface LibraryPage {
  total: number;
  visitorLanguages: string[];
  items: LibraryItem[];
}

/** The current file of one language, as an editor sees it. */
export interface VersionView {
  language: string;
  isOriginal: boolean;
  revision: number;
  translatesRevision: number | null;
  outOfDate: boolean;
  fileName: string;
  type: string;
  contentType: string;
  size: number;
  /** Computed from the stored bytes shortly after the upload; null until then. */
  sha256: string | null;
  uploadedAt: string;
  uploadedBy: string;
  downloads: number;
  /** Its text has been read for the library search. */
  indexed: boolean;
  downloadUrl: string;
  /** Opens a PDF in the browser; null for other types. */
  readUrl: string | null;
}

/** A file that was replaced, kept for its editors. */
export interface HistoryView {
  language: string;
  revision: number;
  translatesRevision: number | null;
  fileName: string;
  type: string;
  contentType: string;
  size: number;
  sha256: string | null;
  uploadedAt: string;
  uploadedBy: string;
  replacedAt: string | null;
  downloads: number;
  downloadUrl: string;
}

/** GET/PUT /api/materials/{id}, POST /api/materials, POST …/versions/{language}/uploads/{slot}/commit. */
export interface MaterialView {
  id: string;
  organisationId: string;
  organisationName: string;
  language: string;
  titles: Record<string, string>;
  description: string;
  category: string;
  year: number;
  licence: string;
  relatedPractices: string[];
  versions: VersionView[];
  history: HistoryView[];
  createdAt: string;
  updatedAt: string;
  etag: string;
}

/** Body of POST and PUT /api/materials[/{id}]. */
export interface MaterialInput {
  /** Coordinators choose when creating; otherwise left out. */
  organisationId?: string;
  language: string;
  titles: Record<string, string>;
  description: string;
  category: string;
  year: number | null;
  licence: string | null;
  relatedPractices: string[];
}

export const MATERIAL_LIMITS = { title: 300, description: 4000, licence: 64, relatedPractices: 20, firstYear: 1990 } as const;

const categoryKeys: Record<Category, MessageKey> = {
  'final-publication': 'category.final-publication',
  'policy-paper': 'category.policy-paper',
  'case-study': 'category.case-study',
  'practice-report': 'category.practice-report',
  'training-material': 'category.training-material',
  other: 'category.other',
};

export function categoryLabel(category: string): string {
  return category in categoryKeys ? t(categoryKeys[category as Category]) : category;
}

export function categoryOptions(): { value: string; label: string }[] {
  return CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }));
}

/** "PDF", "DOCX", "ODT". */
export function typeLabel(type: string): string {
  return type.toUpperCase();
}

/** Binary units, so a 50 MiB limit reads "50 MB" as people expect. Never broken across lines. */
export function formatSize(bytes: number): string {
  const unit = (value: number, name: string, digits: number) =>
    new Intl.NumberFormat(intlLocale(), {
      style: 'unit',
      unit: name,
      // "473 bytes", but "1.2 MB".
      unitDisplay: name === 'byte' ? 'long' : 'short',
      maximumFractionDigits: digits,
    })
      .format(value)
      .replace(/\s/g, '\u00a0');
  if (bytes < 1024) return unit(bytes, 'byte', 0);
  if (bytes < 1024 * 1024) return unit(bytes / 1024, 'kilobyte', bytes < 10 * 1024 ? 1 : 0);
  return unit(bytes / (1024 * 1024), 'megabyte', 1);
}

/** The limit as a whole number of megabytes, for messages. */
export function limitMegabytes(bytes: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}

/** "PDF, DOCX or ODT". */
export function typeList(settings: UploadSettings | null): string {
  const types = (settings?.allowedTypes?.length ? settings.allowedTypes : ['pdf', 'docx', 'odt']).map(typeLabel);
  if (types.length < 2) return types.join('');
  return new Intl.ListFormat(intlLocale(), { style: 'long', type: 'disjunction' }).format(types);
}

/** "Italian version", "Italian and English versions". */
export function foundIn(languages: string[]): string {
  const names = languages.map(languageNameInline);
  return languages.length === 1
    ? t('materials.foundIn', { language: names[0] })
    : t('materials.foundInMany', { languages: formatList(names) });
}

/** Badges for a version under its language heading: "original", and a warning when it is out of date. */
export function versionBadges(v: { isOriginal: boolean; outOfDate: boolean }): TemplateResult | typeof nothing {
  if (!v.isOriginal && !v.outOfDate) return nothing;
  return html`<p class="badges">
    ${v.isOriginal ? html`<span class="badge original-badge">${t('materials.original')}</span>` : nothing}
    ${v.outOfDate ? html`<span class="badge warning">${t('practice.outOfDate')}</span>` : nothing}
  </p>`;
}

let settings: UploadSettings | null = null;
let pendingSettings: Promise<UploadSettings | null> | null = null;

export function uploadSettings(): UploadSettings | null {
  return settings;
}

/** GET /api/materials/settings once per visit; a failure is not cached. */
export function loadUploadSettings(): Promise<UploadSettings | null> {
  if (settings) return Promise.resolve(settings);
  if (!pendingSettings) {
    pendingSettings = api<UploadSettings>('/api/materials/settings').then((result) => {
      pendingSettings = null;
      if (!result.ok || !result.data || typeof result.data !== 'object') return null;
      settings = result.data;
      return settings;
    });
  }
  return pendingSettings;
}

export function materialEditHref(id: string): string {
  return `/my/materials/${encodeURIComponent(id)}`;
}

import { html, nothing, type TemplateResult } from 'lit-html';
import type { LibraryItem, PracticeName, UploadSettings } from './api/schema';
import { client, settle } from './client';
import { formatList, getLang, intlLocale, t, type MessageKey } from './i18n';
import { findLicence, languageName, languageNameInline } from './vocabularies';

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

export type {
  HistoryView,
  LibraryItem,
  LibraryPage,
  LibraryVersion,
  MaterialInput,
  MaterialView,
  PracticeName,
  TextStatus,
  UploadSettings,
  VersionView,
} from './api/schema';

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
    pendingSettings = settle(client.GET('/api/materials/settings')).then((result) => {
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

/** A material's licence by name, linked to its text; an id outside the list is shown as it is. */
export function licenceView(id: string): TemplateResult {
  const licence = findLicence(id);
  return licence ? html`<a href=${licence.url} rel="license noopener">${licence.name}</a>` : html`${id}`;
}

const practiceNames = new Map<string, PracticeName>();

/** Names of published practices for links; ids already known are not asked again. Unpublished ones stay unknown. */
export async function loadPracticeNames(ids: string[]): Promise<void> {
  const wanted = [...new Set(ids)].filter((id) => !practiceNames.has(id)).slice(0, 50);
  if (!wanted.length) return;
  const result = await settle(client.GET('/api/catalogue/names', { params: { query: { id: wanted, lang: getLang() } } }));
  if (result.ok && Array.isArray(result.data)) for (const p of result.data) practiceNames.set(p.id, p);
}

/** Links to the related practices whose names are known (the published ones). */
export function relatedPracticeLinks(ids: string[]): TemplateResult | typeof nothing {
  const known = ids.map((id) => practiceNames.get(id)).filter((p): p is PracticeName => !!p);
  if (!known.length) return nothing;
  return html`<ul class="plain related-practices">
    ${known.map((p) => html`<li><a href=${`/practices/${encodeURIComponent(p.id)}`} lang=${p.language}>${p.name}</a></li>`)}
  </ul>`;
}

/**
 * A short list of materials for another page (a practice, a partner): each title, its language
 * versions as badges, and a download link per version.
 */
export function compactMaterialList(items: LibraryItem[], headingLevel: 'h3' | 'h4' = 'h3'): TemplateResult {
  return html`<ul class="plain compact-materials">
    ${items.map(
      (m) => html`<li class="compact-material">
        ${headingLevel === 'h3' ? html`<h3 lang=${m.preferredLanguage || nothing}>${m.title}</h3>` : html`<h4 lang=${m.preferredLanguage || nothing}>${m.title}</h4>`}
        <p class="note">${categoryLabel(m.category)} · ${m.year} · ${licenceView(m.licence)}</p>
        <ul class="plain downloads">
          ${m.versions.map(
            (v) => html`<li>
              <span class="badge lang-badge">${languageName(v.language)}</span>
              <a href=${v.downloadUrl} hreflang=${v.language} type=${v.contentType || nothing}
                >${t('materials.downloadShort', { type: typeLabel(v.type), size: formatSize(v.size) })}<span class="visually-hidden">
                  (${m.title}, ${languageNameInline(v.language)})</span
                ></a
              >
            </li>`,
          )}
        </ul>
      </li>`,
    )}
  </ul>`;
}

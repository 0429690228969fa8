import type { MessageKey, Messages } from './i18n/en';

export type { MessageKey };
/** A language code of the interface: the name of a catalogue file in ./i18n. */
export type Lang = string;

// One catalogue per language, each its own chunk, fetched only for the language in use. A new
// file in ./i18n is a new language of the interface with no other change.
const catalogues = import.meta.glob<Record<string, unknown>>('./i18n/*.ts');
const catalogueOf = new Map(Object.entries(catalogues).map(([file, load]) => [file.replace(/^.*\/|\.ts$/g, ''), load]));

/** English first (the reference catalogue), then the others in code order. */
export const LANGS: readonly Lang[] = [...catalogueOf.keys()].sort((a, b) =>
  a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b),
);
const STORAGE_KEY = 'exchange.lang';
const dictionaries = new Map<Lang, Messages>();
const pending = new Map<Lang, Promise<void>>();

// Locale used for Intl formatting (dates in the European style for English).
const intlLocales: Partial<Record<Lang, string>> = { en: 'en-GB', it: 'it-IT' };

function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && catalogueOf.has(value);
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // localStorage can be unavailable (privacy mode); fall through.
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const primary = (tag || '').toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return 'en';
}

/** Fetch a language's catalogue once; a catalogue names its export after its code (`export const it`). */
function loadCatalogue(lang: Lang): Promise<void> {
  let loading = pending.get(lang);
  if (!loading) {
    const load = catalogueOf.get(lang);
    if (!load) return Promise.resolve();
    loading = load().then(
      (module) => {
        const messages = (module[lang] ?? module.default ?? Object.values(module).find((v) => typeof v === 'object')) as
          Messages | undefined;
        if (messages) dictionaries.set(lang, messages);
      },
      (error: unknown) => {
        // Offline, or a new version replaced the chunk: the next attempt fetches it again.
        pending.delete(lang);
        throw error;
      },
    );
    pending.set(lang, loading);
  }
  return loading;
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

/** Resolves once the catalogue of the language in use is here (never rejects: the page then shows English or keys). */
export function languageReady(): Promise<void> {
  return loadCatalogue(current).catch(() => loadCatalogue('en').catch(() => undefined));
}

export function getLang(): Lang {
  return current;
}

export function intlLocale(): string {
  return intlLocales[current] ?? current;
}

function switchTo(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  listeners.forEach((fn) => fn());
}

export async function setLang(lang: Lang): Promise<void> {
  if (!isLang(lang)) return;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  if (lang === current) return;
  await loadCatalogue(lang).catch(() => undefined);
  if (dictionaries.has(lang)) switchTo(lang);
}

/**
 * Show the interface in a language chosen for the visitor (a participant's
 * preferred language) without storing it; the language switch still works.
 */
export async function useLang(lang: string | null | undefined): Promise<void> {
  const primary = (lang ?? '').toLowerCase().split('-')[0];
  if (!isLang(primary) || primary === current) return;
  await loadCatalogue(primary).catch(() => undefined);
  if (dictionaries.has(primary)) switchTo(primary);
}

export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

/** Translate a key, replacing {name} placeholders with params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries.get(current)?.[key] ?? dictionaries.get('en')?.[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

const regionNames = new Map<Lang, Intl.DisplayNames>();

/** Localized name of an ISO 3166-1 alpha-2 region code, or the code itself. */
export function countryName(code: string): string {
  let names = regionNames.get(current);
  if (!names) {
    names = new Intl.DisplayNames([intlLocale(), current], { type: 'region', fallback: 'code' });
    regionNames.set(current, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const formatters = new Map<string, unknown>();

/**
 * One Intl formatter per interface language and kind, made on first use: making one loads locale data and
 * takes milliseconds, and a page formats many values per render.
 */
export function formatter<T>(kind: string, make: (locale: string) => T): T {
  const key = `${current} ${kind}`;
  let made = formatters.get(key) as T | undefined;
  if (made === undefined) {
    made = make(intlLocale());
    formatters.set(key, made);
  }
  return made;
}

/** Compares words as the interface language sorts them. */
export function collator(): Intl.Collator {
  return formatter('collator', (locale) => new Intl.Collator(locale, { sensitivity: 'base' }));
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter('date-time', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(
    date,
  );
}

/**
 * A moment as the clock reads where it happens: a reminder at 08:00 in Rome shows as
 * "08:00 CET" whatever the reader's own zone. Falls back to the reader's zone for an unknown one.
 */
export function formatDateTimeIn(iso: string | null | undefined, timeZone: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    // dateStyle cannot be combined with timeZoneName, hence the fields one by one.
    return new Intl.DateTimeFormat(intlLocale(), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: timeZone || undefined,
      timeZoneName: 'short',
    }).format(date);
  } catch {
    return formatDateTime(iso);
  }
}

export function formatList(items: string[]): string {
  return formatter('list', (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })).format(items);
}

document.documentElement.lang = current;

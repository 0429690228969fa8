import type { Catalogue, MessageKey } from './i18n/en';
import languages from './i18n/languages.json';
import { formatMessage, formatNumberIn } from './messages';

/** A language of the interface, from the one list the API and the tests share (i18n/languages.json). */
export interface Language {
  /** ISO 639-1 code, also the catalogue's file name (i18n/{code}.ts). */
  code: string;
  /** Its own name, as the language picker shows it. */
  name: string;
  /** The locale Intl formats dates, numbers and plurals with. */
  locale: string;
  /** The Snowball stemmer search uses for texts in it (server side). */
  stemmer: string | null;
  /** Countries whose organisations read it (server mail to an organisation). */
  countries?: string[];
}

export type Lang = string;
export type { MessageKey };

// Each catalogue is its own chunk and only the reader's is loaded, English included: English is
// fetched as well only if the reader's catalogue lacks a text (a late one, not yet translated).
const loaders = import.meta.glob<{ default?: Catalogue } & Record<string, Catalogue>>('./i18n/*.ts');

/** The languages the interface is offered in: those of the list that have their catalogue. */
export const LANGUAGES: readonly Language[] = (languages as Language[]).filter((l) => `./i18n/${l.code}.ts` in loaders);
export const LANGS: readonly Lang[] = LANGUAGES.map((l) => l.code);
const STORAGE_KEY = 'exchange.lang';
const dictionaries = new Map<Lang, Catalogue>();

function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && LANGS.includes(value);
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // localStorage can be unavailable (privacy mode); fall through.
  }
  // The browser's languages are its Accept-Language, best first.
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const primary = (tag || '').toLowerCase().split('-')[0];
    // Norwegian without a written standard reads Bokmål.
    const code = primary === 'no' || primary === 'nn' ? 'nb' : primary;
    if (isLang(code)) return code;
  }
  return 'en';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

/** Loads a language's catalogue once. */
async function loadCatalogue(lang: Lang): Promise<boolean> {
  if (dictionaries.has(lang)) return true;
  const load = loaders[`./i18n/${lang}.ts`];
  if (!load) return false;
  try {
    const module = await load();
    const messages = module.default ?? module[lang];
    if (!messages) return false;
    dictionaries.set(lang, messages);
    return true;
  } catch {
    // Offline or a failed chunk: stay in the language already shown.
    return false;
  }
}

/** Resolves once the reader's catalogue is loaded; the first render waits for it, so no English flashes. */
export const ready: Promise<void> = loadCatalogue(current).then((ok) => {
  if (!ok) current = 'en';
});

function switchTo(lang: Lang): void {
  void loadCatalogue(lang).then((ok) => {
    if (!ok || lang === current) return;
    current = lang;
    document.documentElement.lang = lang;
    listeners.forEach((fn) => fn());
  });
}

export function getLang(): Lang {
  return current;
}

export function intlLocale(): string {
  return LANGUAGES.find((l) => l.code === current)?.locale ?? current;
}

export function setLang(lang: Lang): void {
  if (!isLang(lang)) return;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  switchTo(lang);
}

/**
 * Show the interface in a language chosen for the visitor (a participant's
 * preferred language) without storing it; the language switch still works.
 */
export function useLang(lang: string | null | undefined): void {
  const primary = (lang ?? '').toLowerCase().split('-')[0];
  if (!isLang(primary) || primary === current) return;
  switchTo(primary);
}

export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

/** A number as the reader's locale writes it ("12 345", "12.345"). */
export function formatNumber(value: number): string {
  return formatNumberIn(intlLocale(), value);
}

let fallbackRequested = false;

/** Translate a key, replacing {name} placeholders with params (numbers in the reader's format) and choosing plural forms. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries.get(current)?.[key] ?? dictionaries.get('en')?.[key];
  if (text === undefined) {
    // A text the reader's catalogue lacks: fetch English once and show the page again with it.
    if (!fallbackRequested) {
      fallbackRequested = true;
      void loadCatalogue('en').then((ok) => ok && listeners.forEach((fn) => fn()));
    }
    return '';
  }
  return formatMessage(text, params, intlLocale());
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
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
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
  return new Intl.ListFormat(intlLocale(), { style: 'long', type: 'conjunction' }).format(items);
}

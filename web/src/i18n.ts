import { en, type MessageKey, type Messages } from './i18n/en';
import { it } from './i18n/it';

export type Lang = 'en' | 'it';
export type { MessageKey };

export const LANGS: readonly Lang[] = ['en', 'it'];
const STORAGE_KEY = 'exchange.lang';
const dictionaries: Record<Lang, Messages> = { en, it };

// Locale used for Intl formatting (dates in the European style for English).
const intlLocales: Record<Lang, string> = { en: 'en-GB', it: 'it-IT' };

function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'it';
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
    if (primary === 'it') return 'it';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return current;
}

export function intlLocale(): string {
  return intlLocales[current];
}

export function setLang(lang: Lang): void {
  if (!isLang(lang)) return;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  if (lang === current) return;
  current = lang;
  document.documentElement.lang = lang;
  listeners.forEach((fn) => fn());
}

/**
 * Show the interface in a language chosen for the visitor (a participant's
 * preferred language) without storing it; the language switch still works.
 */
export function useLang(lang: string | null | undefined): void {
  const primary = (lang ?? '').toLowerCase().split('-')[0];
  if (!isLang(primary) || primary === current) return;
  current = primary;
  document.documentElement.lang = primary;
  listeners.forEach((fn) => fn());
}

export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

/** Translate a key, replacing {name} placeholders with params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[current][key] ?? en[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
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

export function collator(): Intl.Collator {
  return new Intl.Collator(intlLocale(), { sensitivity: 'base' });
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

document.documentElement.lang = current;

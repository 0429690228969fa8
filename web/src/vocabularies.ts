import type { Licence, Term, Vocabularies } from './api/schema';
import { client, settle } from './client';
import { collator, getLang, intlLocale, type Lang } from './i18n';

/** A word list's term, a licence a material can carry (SPDX id, name, text), and the practice template's lists: as the API describes them. */
export type { Licence, Term, Vocabularies };

const EMPTY: Vocabularies = { fields: [], targetGroups: [], languages: [], licences: [] };

let cached: Vocabularies | null = null;
let pending: Promise<Vocabularies | null> | null = null;

/** The current vocabularies, or null until loadVocabularies() has answered. */
export function vocabularies(): Vocabularies | null {
  return cached;
}

/**
 * GET /api/vocabularies once per visit. A failure is not cached, so the next
 * page tries again; callers fall back to showing ids.
 */
export function loadVocabularies(): Promise<Vocabularies | null> {
  if (cached) return Promise.resolve(cached);
  if (!pending) {
    pending = settle(client.GET('/api/vocabularies')).then((result) => {
      pending = null;
      if (!result.ok || !result.data || typeof result.data !== 'object') return null;
      const data = result.data;
      cached = {
        fields: Array.isArray(data.fields) ? data.fields : [],
        targetGroups: Array.isArray(data.targetGroups) ? data.targetGroups : [],
        languages: Array.isArray(data.languages) ? data.languages : [],
        licences: Array.isArray(data.licences) ? data.licences : [],
      };
      return cached;
    });
  }
  return pending;
}

function label(terms: Term[], id: string): string {
  const term = terms.find((x) => x.id === id);
  if (!term) return id;
  return term.labels?.[getLang()] || term.en || id;
}

/** The licence with this id, or null when it is not one of the list (an older material's own id). */
export function findLicence(id: string | null | undefined): Licence | null {
  return (cached ?? EMPTY).licences.find((l) => l.id.toLowerCase() === (id ?? '').toLowerCase()) ?? null;
}

/** Licences for a <select>, keeping a current value that is not in the list so the form never drops it silently. */
export function licenceOptions(current = ''): { value: string; label: string }[] {
  const options = (cached ?? EMPTY).licences.map((l) => ({ value: l.id, label: l.name }));
  return current && !options.some((o) => o.value === current) ? [{ value: current, label: current }, ...options] : options;
}

export function fieldLabel(id: string): string {
  return label((cached ?? EMPTY).fields, id);
}

export function targetGroupLabel(id: string): string {
  return label((cached ?? EMPTY).targetGroups, id);
}

export function fieldOptions(): { value: string; label: string }[] {
  return (cached ?? EMPTY).fields.map((x) => ({ value: x.id, label: label([x], x.id) }));
}

export function targetGroupOptions(): { value: string; label: string }[] {
  return (cached ?? EMPTY).targetGroups.map((x) => ({ value: x.id, label: label([x], x.id) }));
}

const languageNames = new Map<Lang, Intl.DisplayNames>();

/** Name of a language as written inside a sentence ("Italian" / "italiano"). */
export function languageNameInline(code: string): string {
  const lang = getLang();
  let names = languageNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([intlLocale(), lang], { type: 'language', fallback: 'code' });
    languageNames.set(lang, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Name of a language in the interface language, as a label ("Italian" / "Italiano"). */
export function languageName(code: string): string {
  const name = languageNameInline(code);
  // Italian names are lower case ("italiano"); they start a label here.
  return name.charAt(0).toLocaleUpperCase(intlLocale()) + name.slice(1);
}

/** Languages for a <select>, sorted by name; `extra` keeps a stored value that left the list. */
export function languageOptions(extra?: string): { value: string; label: string }[] {
  const codes = [...(cached ?? EMPTY).languages];
  if (extra && !codes.includes(extra)) codes.push(extra);
  const compare = collator().compare;
  return codes.map((code) => ({ value: code, label: languageName(code) })).sort((a, b) => compare(a.label, b.label));
}

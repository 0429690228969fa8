// Fills in a catalogue text: plural forms, placeholders and numbers, for one locale.
// Pure (Intl only, no DOM), so scripts/check-messages.mjs can test it on the real catalogues.

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function plural(locale: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/** A number as the locale writes it ("12 345", "12.345"); grouping from five digits on, so a year stays "2026". */
export function formatNumberIn(locale: string, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { useGrouping: 'min2' } as unknown as Intl.NumberFormatOptions);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/**
 * Chooses the plural form of "{count, plural, one {# practice} few {# practici} other {# practices}}"
 * with Intl.PluralRules for the locale: each language writes the forms it has (Romanian "few",
 * Icelandic "one" for 21 as for 1). "=0 {…}" matches an exact number first.
 */
function plurals(text: string, params: Record<string, string | number>, locale: string): string {
  let out = '';
  let i = 0;
  const start = /\{(\w+), plural,/g;
  for (;;) {
    start.lastIndex = i;
    const found = start.exec(text);
    if (!found) return out + text.slice(i);
    out += text.slice(i, found.index);
    // Read "selector {form}" pairs up to the closing brace, minding nested braces.
    let j = found.index + found[0].length;
    const forms = new Map<string, string>();
    for (;;) {
      while (text[j] === ' ') j++;
      const open = text.indexOf('{', j);
      if (j >= text.length || text[j] === '}' || open < 0) break;
      const selector = text.slice(j, open).trim();
      let depth = 1;
      let k = open + 1;
      while (k < text.length && depth > 0) {
        if (text[k] === '{') depth++;
        else if (text[k] === '}') depth--;
        k++;
      }
      forms.set(selector, text.slice(open + 1, k - 1));
      j = k;
    }
    const value = Number(params[found[1]]);
    const form = forms.get(`=${value}`) ?? forms.get(plural(locale, value)) ?? forms.get('other') ?? '';
    out += form.replace(/#/g, formatNumberIn(locale, value));
    i = j + 1;
  }
}

/** The text with its plural forms chosen and each {name} replaced by params[name] (numbers in the locale's format). */
export function formatMessage(text: string, params: Record<string, string | number> | undefined, locale: string): string {
  if (!params) return text;
  const withPlurals = text.includes(', plural,') ? plurals(text, params, locale) : text;
  return withPlurals.replace(/\{(\w+)\}/g, (match, name: string) => {
    if (!(name in params)) return match;
    const value = params[name];
    return typeof value === 'number' ? formatNumberIn(locale, value) : value;
  });
}

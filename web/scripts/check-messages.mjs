// Checks plural forms, placeholders and numbers on the real catalogues, as the reader sees them.
// Run by the test suite (LanguageCatalogueTests) with: node web/scripts/check-messages.mjs
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const web = fileURLToPath(new URL('..', import.meta.url));
const bundled = await build({
    stdin: {
        contents: `export * from './src/messages'; export { en } from './src/i18n/en'; export { ro } from './src/i18n/ro';
      export { bg } from './src/i18n/bg'; export { is } from './src/i18n/is'; export { de } from './src/i18n/de';`,
        resolveDir: web,
        loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
});
const m = await import('data:text/javascript;base64,' + Buffer.from(bundled.outputFiles[0].text).toString('base64'));
const say = (catalogue, key, locale, params) => m.formatMessage(catalogue[key] ?? m.en[key], params, locale);

// English: one and other.
assert.equal(say(m.en, 'catalogue.count', 'en-GB', { count: 1 }), '1 practice found');
assert.equal(say(m.en, 'catalogue.count', 'en-GB', { count: 2 }), '2 practices found');

// Romanian: one, few (2–19, and 101–119 …) and other ("de" from 20 on).
assert.equal(say(m.ro, 'catalogue.count', 'ro-RO', { count: 1 }), '1 practică găsită');
assert.equal(say(m.ro, 'catalogue.count', 'ro-RO', { count: 2 }), '2 practici găsite');
assert.equal(say(m.ro, 'catalogue.count', 'ro-RO', { count: 19 }), '19 practici găsite');
assert.equal(say(m.ro, 'catalogue.count', 'ro-RO', { count: 20 }), '20 de practici găsite');
assert.equal(say(m.ro, 'catalogue.count', 'ro-RO', { count: 101 }), '101 practici găsite');
assert.equal(say(m.ro, 'partners.count', 'ro-RO', { count: 23 }), '23 de organizații');

// Bulgarian: the counted form of masculine nouns after a number.
assert.equal(say(m.bg, 'materials.count', 'bg-BG', { count: 1 }), '1 намерен материал');
assert.equal(say(m.bg, 'materials.count', 'bg-BG', { count: 5 }), '5 намерени материала');
assert.equal(say(m.bg, 'catalogue.count', 'bg-BG', { count: 3 }), '3 намерени практики');

// Icelandic: 21, 31 … take the singular like 1; 11 does not.
assert.equal(say(m.is, 'catalogue.count', 'is-IS', { count: 1 }), '1 starfsaðferð fannst');
assert.equal(say(m.is, 'catalogue.count', 'is-IS', { count: 21 }), '21 starfsaðferð fannst');
assert.equal(say(m.is, 'catalogue.count', 'is-IS', { count: 11 }), '11 starfsaðferðir fundust');
assert.equal(say(m.is, 'catalogue.count', 'is-IS', { count: 4 }), '4 starfsaðferðir fundust');

// A plural form holding another placeholder, and numbers in the reader's format.
assert.equal(say(m.de, 'home.upcoming.many', 'de-DE', { count: 1, date: '3. Mai' }), 'ein Besuch ab 3. Mai');
assert.equal(say(m.de, 'home.upcoming.many', 'de-DE', { count: 12345, date: '3. Mai' }), '12.345 Besuche ab 3. Mai');
assert.equal(m.formatMessage('{year}', { year: 2026 }, 'de-DE'), '2026');
assert.equal(m.formatMessage('{n} {missing}', { n: 3 }, 'en-GB'), '3 {missing}');

console.log('messages: plural forms, placeholders and numbers are right');

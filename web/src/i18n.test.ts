import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getLang, LANGS, onLangChange, ready, setLang, t, useLang } from './i18n';
import { en } from './i18n/en';
import { it as italian } from './i18n/it';

/** setLang and useLang switch once the language's catalogue has arrived; this resolves then. */
function switched(): Promise<void> {
  return new Promise((resolve) => onLangChange(resolve));
}

describe('i18n', () => {
  beforeAll(() => ready);

  it('offers one language per catalogue file, English first', () => {
    const files = readdirSync(join(process.cwd(), 'src', 'i18n'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    expect([...LANGS].sort()).toEqual(files.sort());
    expect(LANGS).toContain('en');
    expect(LANGS).toContain('it');
  });

  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(getLang()).toBe('en');
    expect(t('site.skip')).toBe(en['site.skip']);
    expect(t('form.counter', { count: 3 })).toContain('{max}');
  });

  it('loads a language when it is chosen, then tells the listeners and stores the choice', async () => {
    const done = switched();
    setLang('it');
    await done;
    expect(getLang()).toBe('it');
    expect(t('site.skip')).toBe(italian['site.skip']);
    expect(document.documentElement.lang).toBe('it');
    expect(localStorage.getItem('exchange.lang')).toBe('it');
    const back = switched();
    setLang('en');
    await back;
    expect(t('site.skip')).toBe(en['site.skip']);
  });

  it('ignores a language it has no catalogue for', () => {
    setLang('xx');
    expect(getLang()).toBe('en');
    expect(localStorage.getItem('exchange.lang')).toBe('en');
  });

  it('shows a participant their own language without storing it', async () => {
    const done = switched();
    useLang('it-IT');
    await done;
    expect(getLang()).toBe('it');
    expect(localStorage.getItem('exchange.lang')).toBe('en');
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getLang, LANGS, languageReady, onLangChange, setLang, t, useLang } from './i18n';
import { en } from './i18n/en';
import { it as italian } from './i18n/it';

describe('i18n', () => {
  beforeAll(async () => {
    await setLang('en');
    await languageReady();
  });

  it('offers one language per catalogue file, English first', () => {
    const files = readdirSync(join(process.cwd(), 'src', 'i18n'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    expect([...LANGS].sort()).toEqual(files.sort());
    expect(LANGS[0]).toBe('en');
    expect(LANGS).toContain('it');
  });

  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(t('form.counter', { count: 3, max: 10 })).toBe(en['form.counter'].replace('{count}', '3').replace('{max}', '10'));
    expect(t('form.counter', { count: 3 })).toContain('{max}');
  });

  it('loads a language when it is chosen, then tells the listeners and stores the choice', async () => {
    let told = 0;
    onLangChange(() => told++);
    await setLang('it');
    expect(getLang()).toBe('it');
    expect(t('site.skip')).toBe(italian['site.skip']);
    expect(document.documentElement.lang).toBe('it');
    expect(localStorage.getItem('exchange.lang')).toBe('it');
    expect(told).toBe(1);
    await setLang('en');
    expect(t('site.skip')).toBe(en['site.skip']);
  });

  it('ignores a language it has no catalogue for', async () => {
    await setLang('xx');
    expect(getLang()).toBe('en');
  });

  it('shows a participant their own language without storing it', async () => {
    await useLang('it-IT');
    expect(getLang()).toBe('it');
    expect(localStorage.getItem('exchange.lang')).toBe('en');
    await setLang('en');
  });
});

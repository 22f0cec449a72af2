import { LANGUAGES } from '../src/core/language/languages';
import { loadLocales, missingKeys } from '../src/i18n';
import { config } from './support/session';

const locales = loadLocales(config.localesDir);

describe('locales', () => {
  it.each(LANGUAGES)('%s has every string the assistant says', (lang) => {
    expect(missingKeys(locales.resources, lang)).toEqual([]);
  });

  it.each(LANGUAGES)('%s has words for every command and a name for every language', (lang) => {
    const words = locales.commands[lang]!;
    for (const kind of ['help', 'cancel', 'person', 'deleteData', 'language', 'greeting', 'thanks'] as const) expect(words[kind].length).toBeGreaterThan(0);
    for (const other of LANGUAGES) expect(words.languageNames[other]?.length).toBeGreaterThan(0);
  });

  it.each(LANGUAGES)('%s keeps the placeholders of the English strings', (lang) => {
    expect(locales.t(lang, 'privacy.notice', { days: 30 })).toContain('30');
    expect(locales.t(lang, 'answer.source', { url: 'https://x.example' })).toContain('https://x.example');
  });

  it('finds a missing key', () => {
    const resources = { ...locales.resources, fr: { ...(locales.resources.fr as object), welcome: '' } };
    expect(missingKeys(resources, 'fr')).toEqual(['welcome']);
  });
});

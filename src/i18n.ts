import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TOptions } from 'i18next';
import { LANGUAGES, type Lang } from './core/language/languages';
import type { CommandLexicon, CommandWords } from './core/language/commands';
import type { IntentPhrasings } from './core/retrieval/knowledgeIndex';
import { MEDIATOR_REQUEST } from './core/intents';
import type { RoutingLexicon, RoutingWords } from './core/routing/routingWords';

export type Translate = (lang: Lang, key: string, options?: TOptions) => string;

export interface Locales {
  t: Translate;
  /** Command words per language (locales/<lng>/commands.json), for the core's command recogniser. */
  commands: CommandLexicon;
  /** Desk routing words per language (desk types, "where is the office", days, "I live in"). */
  routing: RoutingLexicon;
  /** Every key of every language, for the completeness check and its test. */
  resources: Record<Lang, Record<string, unknown>>;
}

/**
 * Loads `locales/<lng>/translation.json` and `commands.json` for the ten languages into an i18next
 * instance of its own. A missing key falls back to English, never to the raw key.
 */
export function loadLocales(dir: string): Locales {
  const resources = {} as Record<Lang, Record<string, unknown>>;
  const commands: CommandLexicon = {};
  const routing: RoutingLexicon = {};
  for (const lang of LANGUAGES) {
    resources[lang] = readJson(path.join(dir, lang, 'translation.json')) ?? {};
    const words = readJson(path.join(dir, lang, 'commands.json'));
    if (words) {
      commands[lang] = words as CommandWords;
      routing[lang] = {
        deskTypes: (words.deskTypes ?? {}) as RoutingWords['deskTypes'],
        findDesk: (words.findDesk ?? []) as string[],
        days: (words.days ?? {}) as RoutingWords['days'],
        municipalityPrompts: (words.municipalityPrompts ?? []) as string[],
        openingHours: (words.openingHours ?? []) as string[],
      };
    }
  }
  const instance: i18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: resources[lang] }])),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // replies are plain text; channels escape for their own markup
    returnNull: false,
  });
  const t: Translate = (lang, key, options) => instance.t(key, { ...options, lng: lang }) as string;
  return { t, commands, routing, resources };
}

/** The phrasings of "I want to talk to a person" in every language, for retrieval. */
export function personIntent(commands: CommandLexicon): IntentPhrasings {
  const phrasings = Object.fromEntries(
    Object.entries(commands).map(([lang, words]) => [lang, [...(words?.person ?? []), ...(words?.personQuestions ?? [])]]),
  );
  return { id: MEDIATOR_REQUEST, phrasings };
}

/** Keys present in English but missing (or empty) in `lang`. */
export function missingKeys(resources: Locales['resources'], lang: Lang): string[] {
  const flatten = (tree: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(tree).flatMap(([key, value]) =>
      value && typeof value === 'object' ? flatten(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
    );
  const present = new Set(flatten(resources[lang]).filter((key) => lookup(resources[lang], key)));
  return flatten(resources.en).filter((key) => !present.has(key));
}

function lookup(tree: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

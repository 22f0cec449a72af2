/** The ten languages Ponte speaks. Codes are ISO 639-1 and double as i18next language codes. */
export const LANGUAGES = ['it', 'en', 'fr', 'es', 'ar', 'uk', 'zh', 'sq', 'ur', 'bn'] as const;

export type Lang = (typeof LANGUAGES)[number];

/** Languages written right to left: channels and the console set the direction from this. */
export const RIGHT_TO_LEFT: ReadonlySet<Lang> = new Set<Lang>(['ar', 'ur']);

/** Each language's name in itself, as shown on the language menu. */
export const ENDONYMS: Readonly<Record<Lang, string>> = {
  it: 'Italiano',
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
  uk: 'Українська',
  zh: '中文',
  sq: 'Shqip',
  ur: 'اردو',
  bn: 'বাংলা',
};

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a BCP-47 locale or a channel hint ("uk-UA", "zh-hans", "ar_EG") to a supported language. */
export function langFromLocale(locale: string | undefined | null): Lang | undefined {
  if (!locale) return undefined;
  const primary = locale.toLowerCase().split(/[-_]/)[0];
  return isLang(primary) ? primary : undefined;
}

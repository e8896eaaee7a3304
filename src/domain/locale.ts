// The two languages klaxon speaks (KLAXON_LOCALE) and a helper to pick the right one of a pair.
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

export type Bilingual = { readonly en: string; readonly ja: string };

export const pick = (text: Bilingual, locale: Locale): string => text[locale];

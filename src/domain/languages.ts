/** The languages regbot speaks; every text exists in each of them. */
export const SUPPORTED_LANGUAGES = ["en", "ru", "es"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export type TranslationVariables = Record<string, string | number>;
/** Renders a Fluent message in a language. */
export type Translate = (language: Language, key: string, variables?: TranslationVariables) => string;
/** Renders a Fluent message in a language already chosen (`ctx.t`, or a Translate bound to one). */
export type TranslateIn = (key: string, variables?: TranslationVariables) => string;

/** `translate` bound to one language, for text that all goes out in a chat's language. */
export function translateIn(translate: Translate, language: Language): TranslateIn {
  return (key, variables) => translate(language, key, variables);
}

/** The languages regbot speaks; every text exists in each of them. */
export const SUPPORTED_LANGUAGES = ["en", "ru", "es"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

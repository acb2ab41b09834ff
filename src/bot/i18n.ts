import { I18n } from "@grammyjs/i18n";
import { SUPPORTED_LANGUAGES, type Language } from "../domain/languages.js";
import { findProjectFolder } from "../project-files.js";
import type { BotContext } from "./context.js";

export function createI18n(defaultLanguage: Language): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale: defaultLanguage,
    directory: findProjectFolder("locales", "en/chat.ftl"),
    // Unicode isolation marks around placeables would end up inside names and dates.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: negotiateLanguage,
  });
}

/** A group speaks its chat's language; a private chat speaks the person's. */
async function negotiateLanguage(ctx: BotContext): Promise<Language> {
  const { deps } = ctx;
  if (ctx.chat !== undefined && ctx.chat.type !== "private") {
    const chat = await deps.chats.findByTelegramId(ctx.chat.id);
    return supportedLanguage(chat?.language ?? undefined) ?? deps.defaultLanguage;
  }
  return supportedLanguage(ctx.from?.language_code) ?? deps.defaultLanguage;
}

/** `ru-RU` → `ru`; unsupported or missing → undefined. */
export function supportedLanguage(code: string | undefined): Language | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LANGUAGES.find((language) => language === base);
}

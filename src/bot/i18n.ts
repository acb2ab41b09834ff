import type { Context } from "grammy";
import { I18n } from "@grammyjs/i18n";
import { SUPPORTED_LANGUAGES, type Language } from "../domain/languages.js";
import { findProjectFolder } from "../project-files.js";
import type { BotDeps } from "./context.js";

/**
 * Translations for any context, including those a conversation builds from scratch (which
 * carry no deps): what the negotiator needs comes in here.
 */
export function createI18n({ defaultLanguage, chats }: Pick<BotDeps, "defaultLanguage" | "chats">): I18n<Context> {
  return new I18n<Context>({
    defaultLocale: defaultLanguage,
    directory: findProjectFolder("locales", "en/chat.ftl"),
    // Unicode isolation marks around placeables would end up inside names and dates.
    fluentBundleOptions: { useIsolating: false },
    // A group speaks its chat's language; a private chat speaks the person's.
    localeNegotiator: async (ctx) => {
      if (ctx.chat !== undefined && ctx.chat.type !== "private") {
        const chat = await chats.findByTelegramId(ctx.chat.id);
        return supportedLanguage(chat?.language ?? undefined) ?? defaultLanguage;
      }
      return supportedLanguage(ctx.from?.language_code) ?? defaultLanguage;
    },
  });
}

/** `ru-RU` → `ru`; unsupported or missing → undefined. */
export function supportedLanguage(code: string | undefined): Language | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LANGUAGES.find((language) => language === base);
}

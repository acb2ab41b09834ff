import type { Context, MiddlewareFn } from "grammy";
import { I18n, type I18nFlavor } from "@grammyjs/i18n";
import type { FluentBundle } from "@fluent/bundle";
import { SUPPORTED_LANGUAGES, type Language, type Translate } from "../../domain/languages.js";
import { whenAnswered, type NowOrLater } from "../../now-or-later.js";
import { findProjectFolder } from "../../project-files.js";
import type { BotDeps } from "../context.js";

type LanguageSources = Pick<BotDeps, "defaultLanguage" | "chats" | "languageReadFirst">;

/**
 * Translations for any context, including those a conversation builds from scratch (which
 * carry no deps): what the negotiator needs comes in here.
 */
export function createI18n(sources: LanguageSources): I18n<Context> {
  const negotiate = languageNegotiator(sources);
  return new I18n<Context>({
    defaultLocale: sources.defaultLanguage,
    directory: findProjectFolder("locales", "en/chat.ftl"),
    // Unicode isolation marks around placeables would end up inside names and dates.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: negotiate,
  });
}

/**
 * Translation in a language given outright, as jobs format thousands of messages a tick: the
 * plugin negotiates the language and lists its bundles on every call (a tenth of a digest's
 * cost); the bundles a language matches never change once loaded, so they are matched once.
 * What they lack goes through the plugin, which warns and answers `{key}` as always.
 */
export function languageTranslator(i18n: I18n<Context>): Translate {
  const fluent = i18n.fluent as unknown as { matchBundles?: (locales: string[]) => Set<FluentBundle> };
  if (typeof fluent.matchBundles !== "function")
    throw new Error("@grammyjs/i18n no longer matches bundles the way regbot relies on");
  const matchBundles = fluent.matchBundles.bind(fluent);
  const matched = new Map<string, FluentBundle[]>();
  return (language, key, variables) => {
    let bundles = matched.get(language);
    if (bundles === undefined) {
      bundles = [...matchBundles([language])];
      matched.set(language, bundles);
    }
    const [messageId = "", attribute] = key.split(".", 2);
    for (const bundle of bundles) {
      const message = bundle.getMessage(messageId);
      if (message === undefined) continue;
      const pattern = attribute ? message.attributes[attribute] : (message.value ?? "");
      if (pattern !== undefined) return bundle.formatPattern(pattern, variables);
    }
    return i18n.t(language, key, variables);
  };
}

/**
 * The plugin's own middleware negotiates every update's language up front, a chain of async
 * calls per message; most group messages are never answered, so this negotiates on the first
 * translation instead, the same way. Conversations install the plugin's middleware themselves.
 */
export function lazyTranslations(i18n: I18n<Context>, sources: LanguageSources): MiddlewareFn<Context & I18nFlavor> {
  const negotiate = languageNegotiator(sources);
  const install = (ctx: Context & I18nFlavor, known: string | undefined): void => {
    let language = known;
    const translate: I18nFlavor["t"] = (key, variables) => {
      language ??= answeredNow(negotiate(ctx));
      return i18n.translate(language, key, variables);
    };
    ctx.i18n = {
      fluent: i18n.fluent,
      getLocale: async () => negotiate(ctx),
      useLocale: (locale) => {
        language = locale;
      },
      renegotiateLocale: async () => {
        language = await negotiate(ctx);
      },
      // As the plugin does without sessions: regbot keeps a chat's language in the chat's row.
      setLocale: () => Promise.reject(new Error("regbot keeps no sessions: use ctx.i18n.useLocale()")),
    };
    ctx.translate = translate;
    ctx.t = translate;
  };
  return (ctx, next) => {
    // Where a chat's language answers later (PostgreSQL), it is read before handling: `ctx.t` cannot wait.
    const known = sources.languageReadFirst ? negotiate(ctx) : undefined;
    if (known instanceof Promise) {
      return known.then((language) => {
        install(ctx, language);
        return next();
      });
    }
    install(ctx, known);
    return next();
  };
}

/** A group speaks its chat's language; a private chat speaks the person's. */
function languageNegotiator({ defaultLanguage, chats }: LanguageSources): (ctx: Context) => NowOrLater<Language> {
  return (ctx) => {
    if (ctx.chat !== undefined && ctx.chat.type !== "private") {
      return whenAnswered(
        chats.languageOf(ctx.chat.id),
        (language) => supportedLanguage(language ?? undefined) ?? defaultLanguage,
      );
    }
    return supportedLanguage(ctx.from?.language_code) ?? defaultLanguage;
  };
}

function answeredNow(language: NowOrLater<Language>): Language {
  if (language instanceof Promise)
    throw new Error("the chat's language answers later: set languageReadFirst so it is read before handling");
  return language;
}

/** `ru-RU` → `ru`; unsupported or missing → undefined. */
export function supportedLanguage(code: string | undefined): Language | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LANGUAGES.find((language) => language === base);
}

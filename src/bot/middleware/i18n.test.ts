import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import { describe, expect, it } from "vitest";
import type { ChatRepository } from "../../db/chat-repository.js";
import { createI18n, lazyTranslations } from "./i18n.js";

/** A chat repository that answers one language and counts how often it was asked. */
function chatsSpeaking(language: string) {
  const asked: number[] = [];
  const chats = {
    languageOf: (telegramChatId: number) => {
      asked.push(telegramChatId);
      return language;
    },
  } as unknown as ChatRepository;
  return { chats, asked };
}

async function contextThrough(
  chats: ChatRepository,
  update: Pick<Context, "chat" | "from">,
  languageReadFirst = false,
): Promise<Context & I18nFlavor> {
  const sources = { defaultLanguage: "en" as const, chats, languageReadFirst };
  const ctx = { ...update } as Context & I18nFlavor;
  await lazyTranslations(createI18n(sources), sources)(ctx, async () => {});
  return ctx;
}

const group = { id: -100, type: "supergroup", title: "Launch" } as Context["chat"];
const person = { id: 7, is_bot: false, first_name: "Ana", language_code: "es" } as Context["from"];

describe("lazyTranslations", () => {
  it("asks for the chat's language only when something is translated, and once", async () => {
    const { chats, asked } = chatsSpeaking("ru");
    const ctx = await contextThrough(chats, { chat: group, from: person });
    expect(asked).toEqual([]);
    expect(ctx.t("intro-specialist", { name: "Ana" })).toBe(
      "Меня добавил(а) Ana, поэтому Ana — специалист в этом чате.",
    );
    ctx.t("intro-specialist", { name: "Ana" });
    expect(asked).toEqual([-100]);
  });

  it("speaks the person's language in private, and the language a handler chose over the negotiated one", async () => {
    const { chats, asked } = chatsSpeaking("ru");
    const ctx = await contextThrough(chats, { chat: { id: 7, type: "private", first_name: "Ana" }, from: person });
    expect(ctx.t("intro-specialist", { name: "Ana" })).toContain("Ana");
    expect(ctx.t("intro-specialist", { name: "Ana" })).not.toBe(
      ctx.i18n.fluent.translate("en", "intro-specialist", { name: "Ana" }),
    );
    expect(ctx.t("intro-specialist", { name: "Ana" })).toBe(
      ctx.i18n.fluent.translate("es", "intro-specialist", { name: "Ana" }),
    );
    ctx.i18n.useLocale("en");
    expect(ctx.t("intro-specialist", { name: "Ana" })).toBe("Ana added me, so Ana is the specialist here.");
    expect(asked).toEqual([]);
  });

  it("reads a group's language before handling where it answers later (PostgreSQL)", async () => {
    const { chats, asked } = chatsSpeaking("ru");
    const later = { languageOf: async (id: number) => chats.languageOf(id) } as unknown as ChatRepository;
    const ctx = await contextThrough(later, { chat: group, from: person }, true);
    expect(asked).toEqual([-100]);
    expect(ctx.t("intro-specialist", { name: "Ana" })).toBe(
      "Меня добавил(а) Ana, поэтому Ana — специалист в этом чате.",
    );
    expect(asked).toEqual([-100]);
  });
});

describe("counted texts", () => {
  it("say one business day in the singular and more in the plural, in each language", () => {
    const i18n = createI18n({ defaultLanguage: "en", chats: chatsSpeaking("en").chats });
    const late = (language: string, days: number) =>
      i18n.t(language, "request-provided-late", { number: "R1", by: "Ivan", days });
    expect(late("en", 1)).toBe("R1 provided by Ivan, 1 business day after the deadline; the work waited that long.");
    expect(late("en", 3)).toBe("R1 provided by Ivan, 3 business days after the deadline; the work waited that long.");
    expect(late("es", 1)).toBe("R1 entregado por Ivan, 1 día hábil después del plazo; ese tiempo esperó el trabajo.");
    expect(late("ru", 5)).toBe("R1 предоставлено: Ivan, через 5 рабочих дней после срока; столько работа ждала.");
    expect(late("ru", 2)).toBe("R1 предоставлено: Ivan, через 2 рабочих дня после срока; столько работа ждала.");
  });
});

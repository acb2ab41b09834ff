import { BotError, type Context } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { DEFAULT_BOT_USER } from "../../test/support/fake-bot-api/bot-user.js";
import { ApiOnFirstUseBot, type ApiOnFirstUseFlavor } from "./api-on-first-use.js";

const privateMessage: Update = {
  update_id: 1,
  message: {
    message_id: 1,
    date: 1_790_000_000,
    chat: { id: 7, type: "private", first_name: "Ana" },
    from: { id: 7, is_bot: false, first_name: "Ana" },
    text: "hello",
  },
};

/** A bot whose Telegram answers every call with `true`, noting the methods called. */
function botCallingTelegram(called: string[]): ApiOnFirstUseBot<Context & ApiOnFirstUseFlavor> {
  const fetch = async (url: string | URL | Request) => {
    called.push(String(url).split("/").pop()!);
    return new Response(JSON.stringify({ ok: true, result: true }));
  };
  const bot = new ApiOnFirstUseBot<Context & ApiOnFirstUseFlavor>("123:abc", {
    apiRoot: "http://telegram.invalid",
    fetch: fetch as typeof globalThis.fetch,
  });
  bot.botInfo = DEFAULT_BOT_USER;
  return bot;
}

describe("ApiOnFirstUseBot", () => {
  it("calls Telegram through the update's own transformers, installed before or after its first call, then the bot's", async () => {
    const called: string[] = [];
    const passed: string[] = [];
    const bot = botCallingTelegram(called);
    bot.api.config.use((prev, method, payload, signal) => {
      passed.push(`bot ${method}`);
      return prev(method, payload, signal);
    });
    let updates = 0;
    bot.use(async (ctx) => {
      updates += 1;
      if (updates > 1) return void (await ctx.reply("again"));
      ctx.installOnApi((prev, method, payload, signal) => {
        passed.push(`first ${method}`);
        return prev(method, payload, signal);
      });
      await ctx.reply("one");
      ctx.installOnApi((prev, method, payload, signal) => {
        passed.push(`second ${method}`);
        return prev(method, payload, signal);
      });
      await ctx.api.sendChatAction(7, "typing");
    });

    await bot.handleUpdate(privateMessage);
    expect(passed).toEqual([
      "first sendMessage",
      "bot sendMessage",
      "second sendChatAction",
      "first sendChatAction",
      "bot sendChatAction",
    ]);
    expect(called).toEqual(["sendMessage", "sendChatAction"]);

    // The next update's api is its own: the transformers of the first are not on it.
    passed.length = 0;
    await bot.handleUpdate(privateMessage);
    expect(passed).toEqual(["bot sendMessage"]);
  });

  it("hands what a handler throws to grammY as a BotError carrying the update's context", async () => {
    const bot = botCallingTelegram([]);
    bot.use(() => {
      throw new Error("broken handler");
    });

    const error = await bot.handleUpdate(privateMessage).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError<Context>).ctx.update).toBe(privateMessage);
    expect((error as BotError<Context>).error).toEqual(new Error("broken handler"));
  });
});

import { Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { DEFAULT_BOT_USER } from "../../../test/support/fake-bot-api/bot-user.js";
import { FlatComposer } from "./flat-composer.js";

function groupMessage(text: string): Update {
  return {
    update_id: 1,
    message: {
      message_id: 1,
      date: 1_790_000_000,
      chat: { id: -100, type: "supergroup", title: "Launch" },
      from: { id: 7, is_bot: false, first_name: "Ana" },
      text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command" as const, offset: 0, length: text.length }] } : {}),
    },
  };
}

/** A bot whose one layer is the given composer, as createBot installs regbot's. */
function botWith(layers: FlatComposer<Context>): Bot {
  const bot = new Bot("123:abc", { botInfo: DEFAULT_BOT_USER });
  bot.use(layers);
  return bot;
}

describe("FlatComposer", () => {
  it("runs layers in order, through nested composers and grammY's filters, after each awaits the rest", async () => {
    const seen: string[] = [];
    const layers = new FlatComposer<Context>();
    layers.use(async (_ctx, next) => {
      seen.push("first");
      await next();
      seen.push("first, after the rest");
    });
    const nested = layers.use();
    layers.on("message:text", (ctx, next) => {
      seen.push(`text ${ctx.message.text}`);
      return next();
    });
    layers.command("start", () => {
      seen.push("start");
    });
    layers.use(() => {
      seen.push("last");
    });
    // Added after the nested composer was installed: read when the update arrives.
    nested.use((_ctx, next) => {
      seen.push("nested");
      return next();
    });
    const bot = botWith(layers);

    await bot.handleUpdate(groupMessage("hello"));
    expect(seen).toEqual(["first", "nested", "text hello", "last", "first, after the rest"]);

    seen.length = 0;
    await bot.handleUpdate(groupMessage("/start"));
    expect(seen).toEqual(["first", "nested", "text /start", "start", "first, after the rest"]);
  });

  it("fails the update when a layer throws or calls next twice, as grammY's composer does", async () => {
    const layers = new FlatComposer<Context>();
    layers.use((ctx, next) => {
      if (ctx.message?.text === "twice") return next().then(next);
      return next();
    });
    layers.use((ctx) => {
      if (ctx.message?.text === "throw") throw new Error("broken handler");
    });
    const bot = botWith(layers);

    await expect(bot.handleUpdate(groupMessage("throw"))).rejects.toMatchObject({
      error: new Error("broken handler"),
    });
    await expect(bot.handleUpdate(groupMessage("twice"))).rejects.toMatchObject({
      error: new Error("`next` already called before!"),
    });
    await bot.handleUpdate(groupMessage("fine"));
  });
});

import { readFileSync } from "node:fs";
import { Composer, type Context } from "grammy";
import type { BotCommand, BotCommandScope } from "grammy/types";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../db/database.js";
import { createRepositories } from "../db/repositories.js";
import { TELEGRAM_LIMITS } from "../delivery/rate-limits.js";

const database = openDatabase(":memory:");
/** Every command grammY is asked to answer, with the menu scope of the feature's lane that asked. */
const answered: Array<{ command: string; scope: string }> = [];
/** The default-language menu of each scope, as regbot sets it. */
const menus = new Map<string, string[]>();

beforeAll(async () => {
  const command = Composer.prototype.command;
  vi.spyOn(Composer.prototype, "command").mockImplementation(function (this: Composer<Context>, name, ...middleware) {
    answered.push({ command: String(name), scope: this instanceof CommandLane ? this.scope : "off the menu" });
    return command.call(this, name, ...middleware);
  });
  // Imported after the spy, afresh even where an earlier test file of this worker loaded them (vitest.config.ts
  // does not isolate files): most features register their commands as their modules load.
  vi.resetModules();
  const { CommandLane } = await import("./feature.js");
  const { assembleBot } = await import("./assemble-bot.js");
  const { registerCommands } = await import("./commands.js");
  const settings = {
    token: "1:x",
    defaultLanguage: "en",
    defaultTimezone: "UTC",
    rateLimits: TELEGRAM_LIMITS,
  } as const;
  const repositories = createRepositories(database.orm);
  const { commands, translate } = assembleBot(settings, repositories, () => 0, pino({ level: "silent" }));
  const setMyCommands = async (
    list: readonly BotCommand[],
    options?: { scope?: BotCommandScope; language_code?: string },
  ) => {
    if (options?.language_code === undefined)
      menus.set(
        options!.scope!.type,
        list.map((entry) => entry.command),
      );
    return true as const;
  };
  await registerCommands({ setMyCommands }, translate, "en", commands);
});

afterAll(() => {
  vi.restoreAllMocks();
  database.close();
});

describe("the command menus", () => {
  it("list each command a feature answers on the menu of the chats it answers it in, except /cancel", () => {
    const onMenus = [...menus].flatMap(([scope, names]) => names.map((command) => ({ command, scope })));
    expect(new Set(answered.map((entry) => JSON.stringify(entry)))).toEqual(
      new Set([...onMenus, { command: "cancel", scope: "off the menu" }].map((entry) => JSON.stringify(entry))),
    );
  });

  it("are each in the README's table of commands, in the same kind of chat", () => {
    const rows = readFileSync(new URL("../../README.md", import.meta.url), "utf8")
      .split("\n")
      .map((line) => /^\| (group|private chat) \| ([^|]+) \|/.exec(line))
      .filter((row) => row !== null);
    const documented = (where: string) =>
      rows
        .filter(([, kind]) => kind === where)
        .flatMap(([, , cell]) => [...cell!.matchAll(/`\/([a-z_]+)/g)].map(([, name]) => name));
    expect(documented("group")).toEqual(expect.arrayContaining(menus.get("all_group_chats")!));
    expect(documented("private chat")).toEqual(expect.arrayContaining(menus.get("all_private_chats")!));
  });
});

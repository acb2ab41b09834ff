import type { BotCommand, BotCommandScope, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "../../src/domain/languages.js";
import { clientGroup, commandEntities } from "../support/client-group.js";
import { settled, type Harness } from "../support/harness.js";
import { bystander, group, message, specialist } from "../support/updates.js";

const scenario = clientGroup(group(), "Europe/Madrid");
const GROUPS: BotCommandScope = { type: "all_group_chats" };
const PRIVATE_CHATS: BotCommandScope = { type: "all_private_chats" };

afterEach(async () => {
  await scenario.harness.stop();
});

/** The commands a menu lists, after checking each has a description of its own in that language. */
function menu(harness: Harness, scope: BotCommandScope, language?: string): string[] {
  const commands: BotCommand[] = harness.telegram.commandsFor(scope, language) ?? [];
  for (const { description } of commands) expect(description).not.toMatch(/command-|^$/);
  return commands.map(({ command }) => command);
}

/** Writes to regbot privately; how many messages it sent that person meanwhile. */
async function answersInPrivate(harness: Harness, user: User, text: string): Promise<number> {
  const before = harness.telegram.sentTo(user.id).length;
  const chat = { id: user.id, type: "private" as const, first_name: user.first_name };
  harness.telegram.pushUpdate(message(chat, user, text, commandEntities(text)));
  await settled(harness);
  return harness.telegram.sentTo(user.id).length - before;
}

/** The specialist writes a command in the group; how many events the chat's log gained: the message, then its answers and actions. */
async function recordedFor(harness: Harness, text: string): Promise<number> {
  const events = () => harness.query<{ n: number }>("select count(*) as n from events")[0]!.n;
  const before = events();
  await scenario.write(specialist, text);
  return events() - before;
}

describe("the command menus", () => {
  it("list in groups, in every language, only commands regbot answers there", async () => {
    const harness = await scenario.open();
    const groupMenu = menu(harness, GROUPS);
    expect(groupMenu).toEqual(expect.arrayContaining(["rules", "status", "help", "set", "claim", "export"]));
    for (const language of SUPPORTED_LANGUAGES) expect(menu(harness, GROUPS, language)).toEqual(groupMenu);
    for (const command of groupMenu) {
      expect(await recordedFor(harness, `/${command}`), `/${command} in a group`).toBeGreaterThan(1);
    }
    expect(await recordedFor(harness, "/nosuchcommand"), "a command nobody answers").toBe(1);
  });

  it("list in private chats, in every language, only commands regbot answers there; /cancel is answered off the menu", async () => {
    const harness = await scenario.open();
    const privateMenu = menu(harness, PRIVATE_CHATS);
    expect(privateMenu).toEqual(expect.arrayContaining(["start", "help", "chats"]));
    for (const language of SUPPORTED_LANGUAGES) expect(menu(harness, PRIVATE_CHATS, language)).toEqual(privateMenu);
    for (const command of privateMenu) {
      expect(await answersInPrivate(harness, bystander, `/${command}`), `/${command} in private`).toBeGreaterThan(0);
    }
    expect(privateMenu).not.toContain("cancel");
    expect(await answersInPrivate(harness, bystander, "/cancel")).toBe(1);
  });

  it("are all named by /help, in every language: a group's for its specialist, a private chat's there", async () => {
    const harness = await scenario.open();
    const privateMenu = menu(harness, PRIVATE_CHATS);
    // /claim is offered only while nobody is the specialist.
    const groupMenu = menu(harness, GROUPS).filter((command) => command !== "claim");
    for (const language of SUPPORTED_LANGUAGES) {
      await scenario.write(specialist, `/set language ${language}`);
      const [help] = await scenario.write(specialist, "/help");
      const missing = groupMenu.filter((command) => !new RegExp(`/${command}\\b`).test(help!));
      expect(missing, `group commands /help leaves out in ${language}`).toEqual([]);
      const before = harness.telegram.sentTo(specialist.id).length;
      await answersInPrivate(harness, { ...specialist, language_code: language }, "/help");
      const privateHelp = harness.telegram.sentTo(specialist.id).at(before)!.text!;
      const missingInPrivate = privateMenu.filter((command) => !new RegExp(`/${command}\\b`).test(privateHelp));
      expect(missingInPrivate, `private commands /help leaves out in ${language}`).toEqual([]);
    }
  });
});

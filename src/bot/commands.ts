import type { Api } from "grammy";
import type { BotCommand, BotCommandScope } from "grammy/types";
import { SUPPORTED_LANGUAGES, type Language } from "../domain/languages.js";

type Translate = (language: Language, key: string) => string;

/** What each command menu lists; descriptions come from the `command-*` Fluent messages. */
const GROUP_COMMANDS = [
  "rules",
  "status",
  "diagnose",
  "help",
  "request",
  "provided",
  "transcript",
  "set",
  "setup",
  "client",
  "manager",
  "specialist",
  "observer",
  "unassign",
  "claim",
  "digest",
  "checkpoint",
  "revision",
  "estimate",
  "delivered",
  "accept",
  "reopen",
  "shift",
  "plan",
  "call",
  "minutes",
  "paid",
  "export",
];
const PRIVATE_COMMANDS = ["start", "help", "chats"];

export function commandList(names: readonly string[], language: Language, translate: Translate): BotCommand[] {
  return names.map((command) => ({ command, description: translate(language, `command-${command}`) }));
}

/** The menu button of every private chat opens the Mini App (Telegram allows it in private chats only). */
export async function showWebAppInMenu(
  api: Pick<Api, "setChatMenuButton">,
  translate: Translate,
  language: Language,
  url: string,
): Promise<void> {
  await api.setChatMenuButton({
    menu_button: { type: "web_app", text: translate(language, "webapp-menu-button"), web_app: { url } },
  });
}

/** The menus Telegram shows, in each language regbot speaks (English also for everyone else). */
export async function registerCommands(
  api: Pick<Api, "setMyCommands">,
  translate: Translate,
  defaultLanguage: Language,
): Promise<void> {
  const scopes: Array<[BotCommandScope, readonly string[]]> = [
    [{ type: "all_group_chats" }, GROUP_COMMANDS],
    [{ type: "all_private_chats" }, PRIVATE_COMMANDS],
  ];
  for (const [scope, names] of scopes) {
    await api.setMyCommands(commandList(names, defaultLanguage, translate), { scope });
    for (const language of SUPPORTED_LANGUAGES) {
      await api.setMyCommands(commandList(names, language, translate), { scope, language_code: language });
    }
  }
}

/** A chat that chose its language sees the menu in it, whatever each member's app language. */
export async function registerChatCommands(
  api: Pick<Api, "setMyCommands">,
  translate: Translate,
  telegramChatId: number,
  language: Language,
): Promise<void> {
  await api.setMyCommands(commandList(GROUP_COMMANDS, language, translate), {
    scope: { type: "chat", chat_id: telegramChatId },
  });
}

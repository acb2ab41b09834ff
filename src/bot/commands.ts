import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { SUPPORTED_LANGUAGES, type Language, type Translate } from "../domain/languages.js";
import type { DeclaredCommand, MenuScope } from "./feature.js";

/** Every menu regbot sets, in the order it sets them. */
const MENU_SCOPES: readonly MenuScope[] = ["all_group_chats", "all_private_chats"];

/** What the menu of a scope lists: the commands the features answer there, in the order they are installed. */
export function menuOf(commands: readonly DeclaredCommand[], scope: MenuScope): string[] {
  return commands.filter((declared) => declared.scope === scope).map(({ command }) => command);
}

function commandList(names: readonly string[], language: Language, translate: Translate): BotCommand[] {
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
  commands: readonly DeclaredCommand[],
): Promise<void> {
  for (const type of MENU_SCOPES) {
    const names = menuOf(commands, type);
    await api.setMyCommands(commandList(names, defaultLanguage, translate), { scope: { type } });
    for (const language of SUPPORTED_LANGUAGES) {
      await api.setMyCommands(commandList(names, language, translate), { scope: { type }, language_code: language });
    }
  }
}

/** A chat that chose its language sees the menu in it, whatever each member's app language. */
export async function registerChatCommands(
  api: Pick<Api, "setMyCommands">,
  translate: Translate,
  telegramChatId: number,
  language: Language,
  commands: readonly DeclaredCommand[],
): Promise<void> {
  await api.setMyCommands(commandList(menuOf(commands, "all_group_chats"), language, translate), {
    scope: { type: "chat", chat_id: telegramChatId },
  });
}

/** What the bot shows in Telegram's menus: its commands per scope and language, and the menu button. */
import type { BotCommand, BotCommandScope, MenuButton } from "grammy/types";
import { badRequest, type Methods, type Params } from "./api.js";
import { integerParam, jsonParam, stableJson, stringParam } from "./params.js";

export class BotSettings {
  private readonly commands = new Map<string, BotCommand[]>();
  /** Menu buttons by private chat id; `default` for every chat without its own. */
  private readonly menuButtons = new Map<number | "default", MenuButton>();

  readonly methods: Methods = {
    setMyCommands: (params) => this.setMyCommands(params),
    getMyCommands: (params) => this.commands.get(commandsKeyFromParams(params)) ?? [],
    deleteMyCommands: (params) => {
      this.commands.delete(commandsKeyFromParams(params));
      return true;
    },
    setChatMenuButton: (params) => this.setChatMenuButton(params),
    getChatMenuButton: (params) => this.menuButton(integerParam(params, "chat_id")),
  };

  commandsFor(scope?: BotCommandScope, languageCode?: string): BotCommand[] | undefined {
    return this.commands.get(commandsKey(scope, languageCode));
  }

  menuButton(chatId?: number): MenuButton {
    return (
      (chatId === undefined ? undefined : this.menuButtons.get(chatId)) ??
      this.menuButtons.get("default") ?? { type: "default" }
    );
  }

  /** Telegram accepts a menu button for private chats only; a Web App's must be https. */
  private setChatMenuButton(params: Params): true {
    const chatId = integerParam(params, "chat_id");
    if (chatId !== undefined && chatId < 0) throw badRequest("chat_id must be a private chat");
    const button = (jsonParam(params, "menu_button") ?? { type: "default" }) as Partial<MenuButton> & {
      text?: unknown;
      web_app?: { url?: unknown };
    };
    if (button.type === "web_app") {
      if (typeof button.text !== "string" || button.text === "")
        throw badRequest("can't parse menu button: text is required");
      if (typeof button.web_app?.url !== "string" || !button.web_app.url.startsWith("https://"))
        throw badRequest("BUTTON_URL_INVALID");
    } else if (button.type !== "default" && button.type !== "commands") {
      throw badRequest("can't parse menu button: unknown type");
    }
    this.menuButtons.set(chatId ?? "default", button as MenuButton);
    return true;
  }

  private setMyCommands(params: Params): true {
    const commands = jsonParam(params, "commands");
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON array");
    for (const command of commands as Array<Partial<BotCommand>>) {
      if (typeof command.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
        throw badRequest("BOT_COMMAND_INVALID");
      }
      if (typeof command.description !== "string" || command.description.length === 0) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    const key = commandsKeyFromParams(params);
    if (commands.length === 0) this.commands.delete(key);
    else this.commands.set(key, commands as BotCommand[]);
    return true;
  }
}

function commandsKey(scope: BotCommandScope | undefined, languageCode: string | undefined): string {
  return `${stableJson(scope ?? { type: "default" })}|${languageCode ?? ""}`;
}

function commandsKeyFromParams(params: Params): string {
  return commandsKey(jsonParam(params, "scope") as BotCommandScope | undefined, stringParam(params, "language_code"));
}

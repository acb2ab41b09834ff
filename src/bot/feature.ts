import { type ChatTypeContext, type CommandContext, type CommandMiddleware, type Composer, Context } from "grammy";
import type { BotContext } from "./context.js";
import { commandsAndButtons } from "./middleware/commands-and-buttons.js";
import { FlatComposer } from "./middleware/flat-composer.js";
import { narrow } from "./middleware/narrow.js";

/** The menus regbot fills: Telegram's command scopes for groups and for private chats. */
export type MenuScope = "all_group_chats" | "all_private_chats";

/** A command a feature answers; the menu of its scope lists it, described by `command-<command>`. */
export interface DeclaredCommand {
  command: string;
  scope: MenuScope;
}

/**
 * One feature: its middleware, and the commands it answers. A command is answered and declared
 * in one call, so the menus are derived from what the features handle (see commands.ts).
 * Not `@grammyjs/commands`: its matcher reads a command's first line only, so `/request` with
 * the brief on the next line would go unanswered and a multi-line `/plan` would lose its lines.
 */
export class Feature extends FlatComposer<BotContext> {
  readonly commands: DeclaredCommand[] = [];
  #inGroups: CommandLane<ChatTypeContext<BotContext, "group" | "supergroup">> | undefined;
  #inPrivate: CommandLane<ChatTypeContext<BotContext, "private">> | undefined;

  /** Commands and buttons in groups; a command answered here is on the groups' menu. */
  get inGroups(): CommandLane<ChatTypeContext<BotContext, "group" | "supergroup">> {
    this.#inGroups ??= this.#lane("all_group_chats", Context.has.chatType(["group", "supergroup"]));
    return this.#inGroups;
  }

  /** Commands and buttons in private chats; a command answered here is on the private chats' menu. */
  get inPrivate(): CommandLane<ChatTypeContext<BotContext, "private">> {
    this.#inPrivate ??= this.#lane("all_private_chats", Context.has.chatType("private"));
    return this.#inPrivate;
  }

  #lane<D extends BotContext>(scope: MenuScope, chatType: (ctx: BotContext) => ctx is D): CommandLane<D> {
    const lane = new CommandLane<D>(scope, this.commands);
    narrow(commandsAndButtons<BotContext>(this), chatType, lane);
    return lane;
  }
}

/** A feature's commands and buttons in one kind of chat; `command` also puts the command on that menu. */
export class CommandLane<C extends Context> extends FlatComposer<C> {
  constructor(
    readonly scope: MenuScope,
    private readonly declared: DeclaredCommand[],
  ) {
    super();
  }

  override command(command: string, ...middleware: Array<CommandMiddleware<C>>): Composer<CommandContext<C>> {
    this.declared.push({ command, scope: this.scope });
    return super.command(command, ...middleware);
  }
}

import type { Composer, Context } from "grammy";
import { isCommand } from "../shared/message-kinds.js";
import { narrow } from "./narrow.js";

/**
 * The part of a feature that answers only commands and buttons. Every other update (most of a
 * group's traffic) passes it by after one check, instead of through each of its filters, each
 * of which costs grammY a chain of async calls.
 */
export function commandsAndButtons<C extends Context>(feature: Composer<C>): Composer<C> {
  return narrow(feature, isCommandOrButton);
}

/** Whatever grammY's `command` and `callbackQuery` filters can match: a button, or a message or post starting with a command (captions included, see caption-commands.ts). */
export function isCommandOrButton(ctx: Context): boolean {
  if (ctx.callbackQuery !== undefined) return true;
  const message = ctx.message ?? ctx.channelPost;
  return message !== undefined && isCommand(message);
}

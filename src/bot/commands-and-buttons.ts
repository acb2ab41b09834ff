import { Composer, type Context } from "grammy";

/**
 * The part of a feature that answers only commands and buttons. Every other update (most of a
 * group's traffic) passes it by after one check, instead of through each of its filters, each
 * of which costs grammY a chain of async calls.
 */
export function commandsAndButtons<C extends Context>(feature: Composer<C>): Composer<C> {
  const answering = new Composer<C>();
  feature.use((ctx, next) => (isCommandOrButton(ctx) ? answering.middleware()(ctx, next) : next()));
  return answering;
}

/** Whatever grammY's `command` and `callbackQuery` filters can match: a button, or a message or post starting with a command (captions included, see caption-commands.ts). */
function isCommandOrButton(ctx: Context): boolean {
  if (ctx.callbackQuery !== undefined) return true;
  const message = ctx.message ?? ctx.channelPost;
  return message?.entities?.some((entity) => entity.type === "bot_command" && entity.offset === 0) ?? false;
}

import type { Context, NextFunction } from "grammy";

/**
 * A command in a file's caption (`/request` under a brief, `/provided R1` under the document)
 * works like one in text: grammY's command filters read `entities` only, so the caption's
 * entities are given there too. The update was stored verbatim before any handler saw it.
 */
export function captionCommands(ctx: Context, next: NextFunction): Promise<void> {
  const message = ctx.message;
  const first = message?.caption_entities?.[0];
  if (
    message !== undefined &&
    message.text === undefined &&
    message.entities === undefined &&
    first?.type === "bot_command" &&
    first.offset === 0
  ) {
    message.entities = message.caption_entities;
  }
  return next();
}

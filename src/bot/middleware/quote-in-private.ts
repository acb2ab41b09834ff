import { addReplyParam } from "@roziscoding/grammy-autoquote";
import type { Context, MiddlewareFn } from "grammy";
import type { ApiOnFirstUseFlavor } from "../api-on-first-use.js";

/**
 * In a private chat, whatever regbot sends back to that chat quotes the person's message it
 * answers, as group replies do. Only to that chat: a quote from a private chat must never
 * surface in a group.
 */
export function quoteInPrivate(): MiddlewareFn<Context & ApiOnFirstUseFlavor> {
  return (ctx, next) => {
    if (ctx.chat?.type !== "private" || ctx.message === undefined) return next();
    const quoting = addReplyParam(ctx, { allowSendingWithoutReply: true });
    ctx.installOnApi((previous, method, payload, signal) =>
      "chat_id" in payload && payload.chat_id === ctx.chat?.id
        ? quoting(previous, method, payload, signal)
        : previous(method, payload, signal),
    );
    return next();
  };
}

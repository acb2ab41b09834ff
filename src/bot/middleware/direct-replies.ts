import type { MiddlewareFn } from "grammy";
import type { DirectReply } from "../../db/direct-reply-repository.js";
import type { BotContext } from "../context.js";

/** The calls that say or change what a person sees; reads (getChatMember…) are simply made again. */
const SAYING = new Set([
  "sendMessage",
  "answerCallbackQuery",
  "editMessageText",
  "editMessageReplyMarkup",
  "deleteMessage",
  "sendDocument",
]);

/**
 * What a handler says straight to Telegram (private replies, answers to buttons, edits) is
 * journaled by update: handled again after a crash, the update gets its first run's results back
 * and says nothing twice. Group messages need none of this: they go through the outbox, keyed
 * by update. grammY's transformers cannot see a call's context, so each update's `ctx.api` gets one
 * (installed when a handler first uses it).
 */
export const directRepliesOnce: MiddlewareFn<BotContext> = (ctx, next) => {
  // Not awaited when the update is handled for the first time: nothing was said for it yet.
  if (!ctx.handlingAgain) {
    journalReplies(ctx, []);
    return next();
  }
  return ctx.deps.directReplies.repliesTo(ctx.updateKey).then((said) => {
    journalReplies(ctx, said);
    return next();
  });
};

function journalReplies(ctx: BotContext, said: readonly DirectReply[]): void {
  const { directReplies, clock, logger } = ctx.deps;
  const { updateKey } = ctx;
  const calls = new Map<string, number>();
  ctx.installOnApi(async (prev, method, payload, signal) => {
    if (!SAYING.has(method)) return prev(method, payload, signal);
    const seq = (calls.get(method) ?? 0) + 1;
    calls.set(method, seq);
    const earlier = said.find((reply) => reply.method === method && reply.seq === seq);
    if (earlier !== undefined) {
      logger.info({ updateKey, method, seq }, "update handled again after a crash: its first run already said this");
      return { ok: true, result: earlier.result } as Awaited<ReturnType<typeof prev>>;
    }
    const response = await prev(method, payload, signal);
    if (response.ok) await directReplies.record(updateKey, { method, seq, result: response.result }, clock());
    return response;
  });
}

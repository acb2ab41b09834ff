import { type BotError, GrammyError, HttpError } from "grammy";
import { NoBusinessHoursError } from "../../domain/calendar/index.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";

/**
 * The last line of defence for a handler that threw: the update is already stored, so it is
 * marked failed (not retried forever), the error is logged without message text, and a person
 * who issued a command hears that it did not work.
 */
export async function handleBotError(error: BotError<BotContext>): Promise<void> {
  const { ctx } = error;
  const { deps } = ctx;
  const cause = error.error;
  // Set after the inbox gate; a failure before it is logged with the same bindings.
  const logger = ctx.logger ?? deps.logger.child({ update: ctx.updateKey, chat: ctx.chat?.id });
  // A regulation stored before contact time was checked may leave none: the chat's settings, not a fault in regbot.
  const noContactTime = cause instanceof NoBusinessHoursError;
  logger[noContactTime ? "warn" : "error"](
    {
      err: cause instanceof GrammyError || cause instanceof HttpError ? { message: cause.message } : cause,
    },
    "handler failed",
  );
  await deps.inbox.markFailed(ctx.updateKey, cause).catch((markError: unknown) => {
    // A full disk: the update stays pending and is handled again after a restart.
    logger.warn({ err: markError }, "could not mark the update failed; it stays pending");
  });
  if (!(ctx.message?.text?.startsWith("/") || ctx.message?.caption?.startsWith("/"))) return;
  const apology = ctx.t(noContactTime ? "error-no-contact-time" : "error-generic");
  const chat = ctx.chat?.type === "private" ? undefined : await deps.chats.findByTelegramId(ctx.chat!.id);
  const telling =
    chat === undefined ? ctx.reply(apology) : deps.outbox.post([groupReply(ctx, chat.id, "error", apology)]);
  await telling.catch((replyError: unknown) => {
    logger.warn({ err: replyError }, "could not tell the user about the failure");
  });
}

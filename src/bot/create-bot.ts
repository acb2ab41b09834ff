import { Bot, type ApiClientOptions, type Context } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import type { BotContext, BotDeps } from "./context.js";
import { captionCommands } from "./middleware/caption-commands.js";
import { isCommandOrButton } from "./middleware/commands-and-buttons.js";
import { narrow } from "./middleware/narrow.js";
import { directRepliesOnce } from "./middleware/direct-replies.js";
import { handleBotError } from "./middleware/error-boundary.js";
import { lazyTranslations } from "./middleware/i18n.js";
import { quoteInPrivate } from "./middleware/quote-in-private.js";
import { chatLifecycleFeature } from "./features/chat-lifecycle.js";
import { privateStartFeature } from "./features/private-start.js";
import { regulationFeature } from "./features/regulation.js";
import { setupFeature, setupStartRoute } from "./features/setup.js";
import { rolesFeature } from "./features/roles.js";
import { clientContactFeature } from "./features/client-contact.js";
import { helpFeature } from "./features/help.js";
import { infoRequestsFeature } from "./features/info-requests.js";
import { responseWindowsFeature } from "./features/response-windows.js";
import { revisionReviewFeature } from "./features/revision-review.js";
import { revisionsFeature } from "./features/revisions.js";
import { workShiftFeature } from "./features/work-shift.js";
import { specialistClaimFeature } from "./features/specialist-claim.js";
import { dismissalsFeature } from "./features/dismissals.js";
import { ratingRepliesFeature, ratingsFeature } from "./features/ratings.js";
import { statusFeature } from "./features/status.js";
import { voiceFeature } from "./features/voice.js";
import { checkpointsFeature } from "./features/checkpoints.js";
import { workPlanFeature } from "./features/work-plan.js";
import { callsFeature } from "./features/calls.js";
import { paymentFeature } from "./features/payment.js";
import { missedCallsFeature } from "./features/missed-calls.js";
import { callMinutesFeature } from "./features/call-minutes.js";
import { exportFeature, exportStartRoute } from "./features/export.js";

/** The update types regbot needs; Telegram sends `chat_member` and reactions only when asked. */
export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "my_chat_member",
  "chat_member",
  "message_reaction",
  "message_reaction_count",
  "callback_query",
] as const;

export function createBot(token: string, deps: BotDeps, client?: ApiClientOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, client === undefined ? {} : { client });
  bot.api.config.use(deps.inbox.getUpdatesTransformer);
  // Network errors are not retried here: a request that may have arrived must not be sent twice
  // blindly (the outbox decides); 429s and Telegram's 5xx are safe to retry.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 1, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  // Installed last, so it runs first: an update's handling transaction is committed before any call
  // to Telegram (and its retries) and never held across one.
  bot.api.config.use((prev, method, payload, signal) => deps.handling.outside(() => prev(method, payload, signal)));

  const withRoutes: BotDeps = {
    ...deps,
    startRoutes: [setupStartRoute, exportStartRoute, ...(deps.startRoutes ?? [])],
  };
  bot.use((ctx, next) => {
    ctx.deps = withRoutes;
    return next();
  });
  bot.use(deps.inbox.gate);
  bot.use((ctx, next) => {
    ctx.logger = ctx.deps.logger.child({ update: ctx.updateKey, chat: ctx.chat?.id });
    return next();
  });
  // Handled again after a crash, an update says nothing new: whatever its first run said stands.
  bot.use((ctx, next) => (ctx.handlingAgain ? ctx.deps.outbox.handleAgain(ctx.updateKey, next) : next()));
  bot.use(directRepliesOnce);
  bot.use(captionCommands);
  bot.use(lazyTranslations(deps.i18n, deps));
  bot.use(quoteInPrivate());
  // What is said and done in groups: these see every update, and read no command as conversation.
  bot.use(chatLifecycleFeature);
  bot.use(clientContactFeature);
  bot.use(responseWindowsFeature);
  bot.use(voiceFeature);
  bot.use(ratingRepliesFeature);
  // Each of these answers only commands and buttons, or talks in private chats: what is said
  // in groups skips them all at once.
  const answering = narrow(bot, isCommandButtonOrPrivate);
  answering.use(specialistClaimFeature);
  answering.use(regulationFeature);
  answering.use(rolesFeature);
  answering.use(infoRequestsFeature);
  answering.use(revisionsFeature);
  answering.use(revisionReviewFeature);
  answering.use(workShiftFeature);
  answering.use(statusFeature);
  answering.use(dismissalsFeature);
  answering.use(checkpointsFeature);
  answering.use(workPlanFeature);
  answering.use(callsFeature);
  answering.use(paymentFeature);
  answering.use(missedCallsFeature);
  answering.use(callMinutesFeature);
  answering.use(exportFeature);
  // Before /start: its setup route enters the conversation this feature installs.
  answering.use(setupFeature(deps.i18n));
  answering.use(privateStartFeature);
  // After the setup and /start: the client's private message after rating is the rating's comment.
  answering.use(ratingsFeature);
  // After the setup: a conversation in progress captures everything said in that private chat.
  answering.use(helpFeature);
  bot.catch(handleBotError);
  return bot;
}

/** All the features after the conversation ones act on: a command, a button, or anything in a private chat (the setup conversation). */
function isCommandButtonOrPrivate(ctx: Context): boolean {
  return isCommandOrButton(ctx) || ctx.chat?.type === "private";
}

import type { ApiClientOptions, Context } from "grammy";
import { ApiOnFirstUseBot } from "./api-on-first-use.js";
import { autoRetry } from "@grammyjs/auto-retry";
import type { BotContext, BotDeps } from "./context.js";
import type { DeclaredCommand } from "./feature.js";
import { captionCommands } from "./middleware/caption-commands.js";
import { isCommandOrButton } from "./middleware/commands-and-buttons.js";
import { FlatComposer } from "./middleware/flat-composer.js";
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
import { diagnoseFeature } from "./features/diagnose.js";
import { infoRequestsFeature } from "./features/info-requests.js";
import { responseWindowsFeature } from "./features/response-windows.js";
import { revisionReviewFeature } from "./features/revision-review.js";
import { revisionsFeature } from "./features/revisions.js";
import { workShiftFeature } from "./features/work-shift.js";
import { specialistClaimFeature } from "./features/specialist-claim.js";
import { dismissalsFeature } from "./features/dismissals.js";
import { ratingRepliesFeature, ratingsFeature, ratingStartRoute } from "./features/ratings.js";
import { statusFeature } from "./features/status.js";
import { voiceFeature } from "./features/voice.js";
import { checkpointsFeature } from "./features/checkpoints.js";
import { workPlanFeature } from "./features/work-plan.js";
import { callsFeature } from "./features/calls.js";
import { paymentFeature } from "./features/payment.js";
import { missedCallsFeature } from "./features/missed-calls.js";
import { coolingPauseFeature } from "./features/cooling-pause.js";
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

/** The bot, and the commands its features answer, from which the menus are derived. */
export interface CreatedBot {
  bot: ApiOnFirstUseBot<BotContext>;
  commands: readonly DeclaredCommand[];
}

export function createBot(token: string, deps: Omit<BotDeps, "commands">, client?: ApiClientOptions): CreatedBot {
  const bot = new ApiOnFirstUseBot<BotContext>(token, client);
  bot.api.config.use(deps.inbox.getUpdatesTransformer);
  // Network errors are not retried here: a request that may have arrived must not be sent twice
  // blindly (the outbox decides); 429s and Telegram's 5xx are safe to retry.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 1, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  // Installed last, so it runs first: an update's handling transaction is committed before any call
  // to Telegram (and its retries) and never held across one.
  bot.api.config.use((prev, method, payload, signal) => deps.handling.outside(() => prev(method, payload, signal)));

  // What is said and done in groups: these see every update, and read no command as conversation.
  const seeingEveryUpdate = [
    chatLifecycleFeature,
    clientContactFeature,
    responseWindowsFeature,
    voiceFeature,
    ratingRepliesFeature,
  ];
  // Each of these answers only commands and buttons, or talks in private chats: what is said
  // in groups skips them all at once.
  const answeringOnly = [
    specialistClaimFeature,
    regulationFeature,
    rolesFeature,
    infoRequestsFeature,
    revisionsFeature,
    revisionReviewFeature,
    workShiftFeature,
    statusFeature,
    diagnoseFeature,
    dismissalsFeature,
    checkpointsFeature,
    workPlanFeature,
    callsFeature,
    paymentFeature,
    missedCallsFeature,
    coolingPauseFeature,
    callMinutesFeature,
    exportFeature,
    // Before /start: its setup route enters the conversation this feature installs.
    setupFeature(deps.i18n),
    privateStartFeature,
    // After the setup and /start: the client's private message after rating is the rating's comment.
    ratingsFeature,
    // After the setup: a conversation in progress captures everything said in that private chat.
    helpFeature,
  ];
  const commands = [...seeingEveryUpdate, ...answeringOnly].flatMap((feature) => feature.commands);
  const withFeatures: BotDeps = {
    ...deps,
    startRoutes: [setupStartRoute, exportStartRoute, ratingStartRoute, ...(deps.startRoutes ?? [])],
    commands,
  };
  // grammY's bot holds one layer: all of regbot's, run as one flat sequence (see FlatComposer).
  const layers = new FlatComposer<BotContext>();
  bot.use(layers);
  layers.use((ctx, next) => {
    ctx.deps = withFeatures;
    return next();
  });
  layers.use(deps.inbox.gate);
  layers.use((ctx, next) => {
    ctx.logger = ctx.deps.logger.child({ update: ctx.updateKey, chat: ctx.chat?.id });
    return next();
  });
  // Handled again after a crash, an update says nothing new: whatever its first run said stands.
  layers.use((ctx, next) => (ctx.handlingAgain ? ctx.deps.outbox.handleAgain(ctx.updateKey, next) : next()));
  layers.use(directRepliesOnce);
  layers.use(captionCommands);
  layers.use(lazyTranslations(deps.i18n, deps));
  layers.use(quoteInPrivate());
  for (const feature of seeingEveryUpdate) layers.use(feature);
  const answering = narrow(layers, isCommandButtonOrPrivate);
  for (const feature of answeringOnly) answering.use(feature);
  bot.catch(handleBotError);
  return { bot, commands };
}

/** All the features after the conversation ones act on: a command, a button, or anything in a private chat (the setup conversation). */
function isCommandButtonOrPrivate(ctx: Context): boolean {
  return isCommandOrButton(ctx) || ctx.chat?.type === "private";
}

import type { Server } from "node:http";
import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Repositories } from "./db/repositories.js";
import { openStore } from "./db/store.js";
import type { BotContext } from "./bot/context.js";
import { assembleBot } from "./bot/assemble-bot.js";
import { registerCommands, showWebAppInMenu } from "./bot/commands.js";
import { ALLOWED_UPDATES } from "./bot/create-bot.js";
import { handleBotError } from "./bot/middleware/error-boundary.js";
import type { UpdateInbox } from "./bot/inbox/update-inbox.js";
import { ChatTurns } from "./bot/inbox/chat-turns.js";
import { chatOfUpdate } from "./bot/inbox/update-chat.js";
import type { OutboxSender } from "./delivery/outbox-sender.js";
import type { RateLimitPolicy } from "./delivery/rate-limits.js";
import { startHttpServer } from "./http-server.js";
import { type Leadership, leaderState, SoleLeadership } from "./leadership.js";
import { PollingLeadership } from "./polling-leadership.js";
import { recordRunBoundary } from "./run-boundaries.js";
import { Scheduler, type JobHandler } from "./scheduler/scheduler.js";
import { scheduleMissingDigests } from "./scheduler/jobs/digest-jobs.js";
import { scheduleMissingCheckpoints } from "./scheduler/jobs/checkpoint-jobs.js";
import { scheduleMissingManagerSummaries } from "./scheduler/jobs/manager-jobs.js";
import { scheduleMissingMonthlyRatings } from "./scheduler/jobs/rating-jobs.js";
import { SerialQueue } from "./serial-queue.js";
import { openAiTranscriber } from "./transcription/transcriber.js";
import { createWebApp } from "./webapp/webapp-server.js";

const HEARTBEAT_MS = 30_000;
const WEBHOOK_BACKLOG_CHECK_MS = 2_000;
/** How long the first call to Telegram may go unanswered before the operator is told. */
const TELEGRAM_PATIENCE_MS = 10_000;

/** A stop was asked before Telegram first answered: the start was undone and nothing else began. */
export class StartCancelled extends Error {
  constructor() {
    super("stopped before Telegram answered");
  }
}

export interface RunningRegbot {
  /** Stops taking updates, finishes those in flight, then closes everything in reverse order. */
  stop(): Promise<void>;
  readonly httpPort: number | undefined;
  readonly jobs: Repositories["jobs"];
  readonly scheduler: Scheduler;
  readonly outbox: OutboxSender;
}

export interface StartOptions {
  clock: Clock;
  logger: Logger;
  /** Called when polling can no longer go on (wrong token, another instance polling). */
  onFatal(error: unknown): void;
  /** Kinds of time-driven work; features add theirs here. */
  jobHandlers?: readonly JobHandler[];
  /** node-cron expression of the scheduler's tick (tests run it faster). */
  schedulerTick?: string;
  /** The largest file Telegram takes from the bot: 50 MB, unless a test makes it small. */
  uploadLimitBytes?: number;
  /** Aborted when a stop is asked; until Telegram first answers, it ends the start instead. */
  stopSignal?: AbortSignal;
  /** Telegram's sending limits; tests that do not test pacing lift them. */
  rateLimits: RateLimitPolicy;
  /** Wall-clock time of the outbox's retries (default: Date.now); tests simulate the hour of retries. */
  pacing?: Clock;
  /** On PostgreSQL, how often a follower tries to lead polling and sending (default 10 s; tests shorten it). */
  leadershipRetryMs?: number;
}

/** Wires database → bot → outbox sender → scheduler → (webhook/health server) → polling. */
export async function startRegbot(config: Config, options: StartOptions): Promise<RunningRegbot> {
  const { clock, logger } = options;
  const store = await openStore(
    config.databaseUrl === undefined ? { sqlitePath: config.databasePath } : { postgresUrl: config.databaseUrl },
    { jobs: clock, outbox: options.pacing ?? Date.now },
  );
  const { repositories, shared } = store;
  const { correspondence, chats, runs, jobs } = repositories;
  const { bot, inbox, outbox, jobHandlers, translate, commands, exports } = assembleBot(
    {
      token: config.botToken,
      client: { apiRoot: config.telegramApiRoot },
      defaultLanguage: config.defaultLanguage,
      defaultTimezone: config.defaultTimezone,
      transcriber: config.transcription && openAiTranscriber(config.transcription),
      webAppUrl: config.webApp?.url.href,
      databasePath: config.databasePath,
      ...(config.databaseUrl === undefined ? {} : { postgresUrl: config.databaseUrl }),
      signingKeyPath: config.signingKeyPath,
      rateLimits: options.rateLimits,
      ...(options.pacing === undefined ? {} : { pacing: options.pacing }),
      ...(options.uploadLimitBytes === undefined ? {} : { uploadLimitBytes: options.uploadLimitBytes }),
    },
    repositories,
    clock,
    logger,
  );
  // Before anything is recorded: a Mini App configured but not built stops the start.
  const webApp =
    config.webApp &&
    createWebApp(
      {
        repositories,
        translate,
        defaultLanguage: config.defaultLanguage,
        defaultTimezone: config.defaultTimezone,
        clock,
        logger,
        token: config.botToken,
      },
      config.webApp.basePath,
    );
  const scheduler = new Scheduler({
    jobs,
    handlers: [...jobHandlers, ...(options.jobHandlers ?? [])],
    clock,
    logger,
    onMessagesPosted: () => outbox.wake(),
    ...(options.schedulerTick === undefined ? {} : { tickExpression: options.schedulerTick }),
  });

  const { run, previous } = await runs.start(clock());
  await recordRunBoundary(chats, correspondence, { event: "start", run, previous }, clock());
  try {
    await reachTelegram(bot, options.stopSignal, logger);
  } catch (error) {
    if (!options.stopSignal?.aborted) throw error;
    await recordRunBoundary(chats, correspondence, { event: "stop", run }, clock());
    await runs.stop(run.id, clock());
    await store.close();
    throw new StartCancelled();
  }
  await registerCommands(bot.api, translate, config.defaultLanguage, commands).catch((error: unknown) =>
    logger.warn({ err: error }, "could not register the command menus"),
  );
  if (config.webApp !== undefined) {
    await showWebAppInMenu(bot.api, translate, config.defaultLanguage, config.webApp.url.href).catch((error: unknown) =>
      logger.warn({ err: error }, "could not set the menu button"),
    );
  }
  // With several processes (PostgreSQL) one polls and one sends, and in webhook mode each chat's
  // updates are handled by the process holding the chat's turn, one at a time, oldest first.
  const role = (name: string): Leadership =>
    shared?.leadership(name, logger, options.leadershipRetryMs) ?? new SoleLeadership(name, logger);
  const pollingRole = role("regbot:polling");
  const sendingRole = role("regbot:sending");
  let sending: Promise<void> = Promise.resolve();
  sendingRole.onGained(() => {
    sending = outbox.start();
    sending.catch((error: unknown) => logger.error({ err: error }, "could not start sending"));
  });
  sendingRole.onLost(() => outbox.stop());
  const outboxSignal = shared?.outboxSignal(logger);
  if (outboxSignal !== undefined) {
    outbox.onPostedWhileStopped = () => outboxSignal.notify();
    await outboxSignal.listen(() => outbox.wake());
  }
  let turns: ChatTurns | undefined;
  if (shared !== undefined && config.mode.kind === "webhook") {
    inbox.storesChats = true;
    turns = new ChatTurns({
      ...shared.turns(logger),
      inbox,
      handle: (update) => handleStoredUpdate(bot, update),
      logger,
    });
  }
  // The backlog's replies are queued and leave once it is handled: sending meanwhile would commit
  // (and fsync) before each message and cut the handlings' shared commits short.
  const backlog = turns === undefined ? await inbox.unhandled() : [];
  for (const update of backlog) await handleStoredUpdate(bot, update);
  await turns?.start();
  await sendingRole.start();
  await sending;
  // After an upgrade every chat lacks the new recurring job: one commit instead of an fsync per
  // chat. Lost in a crash, it is done again at the next start.
  await repositories.handling.around(async () => {
    await scheduleMissingDigests(
      { repositories, defaultLanguage: config.defaultLanguage, defaultTimezone: config.defaultTimezone },
      clock(),
    );
    await scheduleMissingCheckpoints(
      { repositories, defaultLanguage: config.defaultLanguage, defaultTimezone: config.defaultTimezone },
      clock(),
    );
    await scheduleMissingManagerSummaries(
      { repositories, defaultLanguage: config.defaultLanguage, defaultTimezone: config.defaultTimezone },
      clock(),
    );
    await scheduleMissingMonthlyRatings(
      { repositories, defaultLanguage: config.defaultLanguage, defaultTimezone: config.defaultTimezone },
      clock(),
    );
  });
  await scheduler.start();
  void inbox.caughtUp.then(() => {
    logger.info("caught up with updates that arrived while regbot was away");
    scheduler.markCaughtUp();
  });
  logger.info(
    { run: run.id, backlog: backlog.length, mode: config.mode.kind, bot: bot.botInfo.username },
    "regbot started",
  );

  const webhookQueue = new SerialQueue((error) =>
    logger.error({ err: error }, "handling a webhook update failed; the next ones go on"),
  );
  const server =
    config.port === undefined
      ? undefined
      : await startHttpServer({
          port: config.port,
          logger,
          health: async () => ({
            databaseReachable: await store.ping(),
            lastTelegramContactAt: inbox.lastTelegramContactAt,
            ...(shared === undefined ? {} : { sending: leaderState(sendingRole) }),
            ...(shared === undefined || config.mode.kind !== "polling" ? {} : { polling: leaderState(pollingRole) }),
          }),
          ...(webApp === undefined ? {} : { webApp }),
          ...(config.mode.kind === "webhook"
            ? {
                webhook: {
                  path: config.mode.url.pathname,
                  secret: config.mode.secret,
                  accept: async (update) => {
                    await inbox.store([update], { handledHere: turns === undefined });
                    inbox.noteTelegramContact();
                    if (turns === undefined) webhookQueue.enqueue(() => handleStoredUpdate(bot, update));
                    else void turns.take(chatOfUpdate(update) ?? null);
                  },
                },
              }
            : {}),
        });

  let polling: PollingLeadership | undefined;
  let webhookBacklogCheck: NodeJS.Timeout | undefined;
  if (config.mode.kind === "polling") {
    const { pollTimeoutSeconds } = config;
    polling = new PollingLeadership({
      leadership: pollingRole,
      logger,
      onFailed: options.onFatal,
      poller: {
        start: () =>
          bot.start({ allowed_updates: ALLOWED_UPDATES, timeout: pollTimeoutSeconds, drop_pending_updates: false }),
        stop: () => bot.stop(),
      },
      // One process owns a SQLite file: a 409 Conflict there is another regbot outside it, never a handover.
      ...(shared === undefined ? { handoverMs: 0 } : {}),
    });
    polling.start();
    await pollingRole.start();
  } else {
    await bot.api.setWebhook(config.mode.url.href, {
      secret_token: config.mode.secret,
      allowed_updates: ALLOWED_UPDATES,
      drop_pending_updates: false,
    });
    inbox.noteTelegramContact();
    webhookBacklogCheck = watchWebhookBacklog(bot, inbox, logger);
  }
  const heartbeat = setInterval(() => {
    runs
      .heartbeat(run.id, clock(), inbox.lastTelegramContactAt)
      .catch((error: unknown) => logger.error({ err: error }, "heartbeat failed"));
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    clearInterval(webhookBacklogCheck);
    await polling?.stop();
    await pollingRole.stop();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    await webhookQueue.idle();
    await turns?.stop();
    await scheduler.stop();
    await exports.stop();
    await sendingRole.stop();
    await outbox.stop();
    await outboxSignal?.close();
    clearInterval(heartbeat);
    await inbox.flushHandled();
    await recordRunBoundary(chats, correspondence, { event: "stop", run }, clock());
    await runs.stop(run.id, clock());
    await store.close();
    logger.info({ run: run.id }, "regbot stopped");
  };
  return { stop: () => (stopping ??= stop()), httpPort: addressPort(server), jobs, scheduler, outbox };
}

/**
 * grammY's `init` retries getMe for as long as Telegram cannot be reached, silently: say so once
 * after a while, and let a stop end the wait.
 */
async function reachTelegram(bot: Bot<BotContext>, stopSignal: AbortSignal | undefined, logger: Logger) {
  const patience = setTimeout(
    () => logger.warn("Telegram does not answer yet (check TELEGRAM_API_ROOT and the network); still trying"),
    TELEGRAM_PATIENCE_MS,
  );
  try {
    // grammY types its signal after a polyfill; Node's own AbortSignal is what it gets at run time.
    await bot.init(stopSignal as Parameters<Bot["init"]>[0]);
  } finally {
    clearTimeout(patience);
  }
}

/** In webhook mode Telegram pushes the backlog itself; its queue length says when it is done. */
function watchWebhookBacklog(bot: Bot<BotContext>, inbox: UpdateInbox, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    bot.api
      .getWebhookInfo()
      .then((info) => {
        if (info.pending_update_count > 0) return;
        inbox.noteTelegramQueueEmpty();
        clearInterval(timer);
      })
      .catch((error: unknown) => logger.warn({ err: error }, "could not read the webhook's backlog"));
  }, WEBHOOK_BACKLOG_CHECK_MS);
  timer.unref();
  return timer;
}

/** Handles an update outside grammY's polling loop (backlog, webhook) with the same error boundary. */
async function handleStoredUpdate(bot: Bot<BotContext>, update: Update): Promise<void> {
  try {
    await bot.handleUpdate(update);
  } catch (error) {
    if (!(error instanceof BotError)) throw error;
    await handleBotError(error as BotError<BotContext>);
  }
}

function addressPort(server: Server | undefined): number | undefined {
  const address = server?.address();
  return typeof address === "object" && address !== null ? address.port : undefined;
}

import type { Server } from "node:http";
import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import { ChatRepository } from "./db/chat-repository.js";
import { CorrespondenceRepository } from "./db/correspondence-repository.js";
import { openDatabase } from "./db/database.js";
import { RunRepository } from "./db/run-repository.js";
import type { BotContext } from "./bot/context.js";
import { ALLOWED_UPDATES, createBot } from "./bot/create-bot.js";
import { handleBotError } from "./bot/error-boundary.js";
import { UpdateInbox } from "./bot/inbox/update-inbox.js";
import { startHttpServer } from "./http-server.js";
import { recordRunBoundary } from "./run-boundaries.js";
import { SerialQueue } from "./serial-queue.js";

const HEARTBEAT_MS = 30_000;

export interface RunningRegbot {
  /** Stops taking updates, finishes those in flight, then closes everything in reverse order. */
  stop(): Promise<void>;
  readonly httpPort: number | undefined;
}

export interface StartOptions {
  clock: Clock;
  logger: Logger;
  /** Called when polling can no longer go on (wrong token, another instance polling). */
  onFatal(error: unknown): void;
}

/** Wires database → bot → (webhook/health server) → polling, and returns how to stop it. */
export async function startRegbot(config: Config, { clock, logger, onFatal }: StartOptions): Promise<RunningRegbot> {
  const database = openDatabase(config.databasePath);
  const correspondence = new CorrespondenceRepository(database.orm);
  const chats = new ChatRepository(database.orm);
  const runs = new RunRepository(database.orm);
  const inbox = new UpdateInbox(correspondence, clock, logger);
  const bot = createBot(
    config.botToken,
    { correspondence, chats, inbox, clock, logger, defaultLanguage: config.defaultLanguage },
    { apiRoot: config.telegramApiRoot },
  );

  const { run, previous } = await runs.start(clock());
  await recordRunBoundary(chats, correspondence, { event: "start", run, previous }, clock());
  await bot.init();
  const backlog = await inbox.unhandled();
  for (const update of backlog) await handleStoredUpdate(bot, update);
  logger.info({ run: run.id, backlog: backlog.length, mode: config.mode.kind, bot: bot.botInfo.username }, "regbot started");

  const webhookQueue = new SerialQueue();
  const server =
    config.port === undefined
      ? undefined
      : await startHttpServer({
          port: config.port,
          logger,
          health: async () => ({ databaseReachable: await database.ping(), lastTelegramContactAt: inbox.lastTelegramContactAt }),
          ...(config.mode.kind === "webhook"
            ? {
                webhook: {
                  path: config.mode.url.pathname,
                  secret: config.mode.secret,
                  accept: async (update) => {
                    await inbox.store([update]);
                    inbox.noteTelegramContact();
                    webhookQueue.enqueue(() => handleStoredUpdate(bot, update));
                  },
                },
              }
            : {}),
        });

  let polling: Promise<void> | undefined;
  if (config.mode.kind === "polling") {
    polling = bot
      .start({ allowed_updates: ALLOWED_UPDATES, timeout: config.pollTimeoutSeconds, drop_pending_updates: false })
      .catch((error: unknown) => onFatal(error));
  } else {
    await bot.api.setWebhook(config.mode.url.href, {
      secret_token: config.mode.secret,
      allowed_updates: ALLOWED_UPDATES,
      drop_pending_updates: false,
    });
    inbox.noteTelegramContact();
  }
  const heartbeat = setInterval(() => {
    runs.heartbeat(run.id, clock(), inbox.lastTelegramContactAt).catch((error: unknown) => logger.error({ err: error }, "heartbeat failed"));
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    if (polling !== undefined && bot.isRunning()) {
      await bot.stop().catch((error: unknown) => logger.warn({ err: error }, "could not confirm the last updates; they will be fetched again"));
    }
    await polling;
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    await webhookQueue.idle();
    clearInterval(heartbeat);
    await inbox.flushHandled();
    await recordRunBoundary(chats, correspondence, { event: "stop", run }, clock());
    await runs.stop(run.id, clock());
    database.close();
    logger.info({ run: run.id }, "regbot stopped");
  };
  return {
    stop: () => (stopping ??= stop()),
    httpPort: addressPort(server),
  };
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

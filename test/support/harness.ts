import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { expect } from "vitest";
import { startRegbot, type RunningRegbot } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { openDatabase, openDatabaseReadOnly } from "../../src/db/database.js";
import type { RateLimitPolicy } from "../../src/delivery/rate-limits.js";
import { configSecrets, createLogger } from "../../src/logger.js";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from "./fake-bot-api.js";

export const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/** Scenarios do not test pacing (the outbox sender's own tests do, on a fake clock): no waiting on Telegram's limits. */
const NO_SENDING_LIMITS: RateLimitPolicy = {
  perChatIntervalMs: 0,
  groupWindowMs: 0,
  groupMessagesPerWindow: Infinity,
  globalWindowMs: 0,
  globalMessagesPerWindow: Infinity,
};

export interface Harness {
  telegram: FakeBotApi;
  regbot: RunningRegbot;
  databasePath: string;
  logs: string[];
  /** Starts regbot again on the same database and fake Telegram, as after a restart. */
  restart(): Promise<void>;
  /** Stops regbot only (the fake Telegram keeps running), e.g. to change its database while it is down. */
  stopRegbot(): Promise<void>;
  /**
   * Starts regbot again after `stopRegbot`, on the same database and fake Telegram; `env` changes
   * the deployment's settings meanwhile (an empty value unsets one).
   */
  startRegbot(env?: Record<string, string>): Promise<void>;
  /** Runs a read-only query against regbot's database. */
  query<T>(sql: string, ...params: unknown[]): T[];
  stop(): Promise<void>;
}

/** regbot wired exactly as `main` wires it, talking to a fake Bot API over HTTP. */
export async function startHarness(
  env: Record<string, string> = {},
  telegramOptions: Partial<FakeBotApiOptions> = {},
  {
    clock = Date.now,
    uploadLimitBytes,
    pacing,
  }: { clock?: () => number; uploadLimitBytes?: number; pacing?: () => number } = {},
): Promise<Harness> {
  const telegram = await startFakeBotApi({ token: TOKEN, ...telegramOptions });
  const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-it-")), "regbot.sqlite");
  copyFileSync(migratedTemplate(), databasePath);
  const logs: string[] = [];
  const baseEnv = {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_PATH: databasePath,
    POLL_TIMEOUT_SECONDS: "1",
    LOG_LEVEL: "info",
    ...env,
  };
  const config = parseConfig(baseEnv);
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString("utf8"));
      done();
    },
  });
  const start = (changed = config) =>
    startRegbot(changed, {
      clock,
      // Time-driven work runs when a test calls scheduler.tick(), at the test's own clock.
      schedulerTick: "0 0 1 1 *",
      rateLimits: NO_SENDING_LIMITS,
      ...(uploadLimitBytes === undefined ? {} : { uploadLimitBytes }),
      ...(pacing === undefined ? {} : { pacing }),
      logger: createLogger(changed.logLevel, configSecrets(changed), logStream),
      onFatal: (error) => logs.push(`FATAL ${String(error)}`),
    });
  const harness: Harness = {
    telegram,
    regbot: await start(),
    databasePath,
    logs,
    async restart() {
      await harness.stopRegbot();
      await harness.startRegbot();
    },
    async stopRegbot() {
      await harness.regbot.stop();
    },
    async startRegbot(changes) {
      harness.regbot = await start(changes === undefined ? config : parseConfig({ ...baseEnv, ...changes }));
    },
    query<T>(sql: string, ...params: unknown[]): T[] {
      const database = openDatabaseReadOnly(databasePath);
      try {
        return database.sqlite.prepare(sql).all(...params) as T[];
      } finally {
        database.close();
      }
    },
    async stop() {
      await harness.regbot.stop();
      await telegram.close();
      expect(telegram.unimplemented, "methods the fake Bot API does not implement").toEqual([]);
      expect(telegram.internalErrors, "errors inside the fake Bot API").toEqual([]);
    },
  };
  return harness;
}

/** Waits until regbot's `starts`-th start caught up with the updates of its downtime: conduct-judging jobs run only after that. */
export async function caughtUpAfterStart(harness: Harness, starts: number): Promise<void> {
  const caughtUp = () => harness.logs.join("").split("caught up with updates").length - 1;
  await harness.telegram.waitFor(() => caughtUp() >= starts, 5_000);
}

let template: string | undefined;

/**
 * A database with every migration applied, made once per test worker by the real `openDatabase`: each harness
 * starts from a copy of it instead of migrating again (unit tests and the e2e bot processes migrate from empty).
 */
function migratedTemplate(): string {
  if (template === undefined) {
    const path = join(mkdtempSync(join(tmpdir(), "regbot-template-")), "migrated.sqlite");
    openDatabase(path).close();
    template = path;
  }
  return template;
}

/** Waits until every pushed update has been handled and everything regbot said has left the outbox. */
export async function settled(harness: Harness, timeoutMs = 5_000): Promise<void> {
  await harness.telegram.waitFor(() => harness.telegram.pendingUpdates() === 0, timeoutMs);
  await harness.telegram.waitFor(
    () => harness.query<{ n: number }>("select count(*) as n from inbox_updates where state = 'pending'")[0]!.n === 0,
    timeoutMs,
  );
  await harness.telegram.waitFor(
    () =>
      harness.query<{ n: number }>("select count(*) as n from outbox where state in ('pending', 'sending')")[0]!.n ===
      0,
    timeoutMs,
  );
}

import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import { expect } from "vitest";
import { startRegbot, type RunningRegbot } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { openDatabase, openDatabaseReadOnly } from "../../src/db/database.js";
import type { RateLimitPolicy } from "../../src/delivery/rate-limits.js";
import { configSecrets, createLogger } from "../../src/logger.js";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from "./fake-bot-api.js";
import { freshPostgresDatabase } from "./postgres.js";

export const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/** Scenarios do not test pacing (the outbox sender's own tests do, on a fake clock): no waiting on Telegram's limits. */
const NO_SENDING_LIMITS: RateLimitPolicy = {
  perChatIntervalMs: 0,
  groupWindowMs: 0,
  groupMessagesPerWindow: Infinity,
  globalWindowMs: 0,
  globalMessagesPerWindow: Infinity,
};

/** The database a harness runs regbot on, made for one harness. */
export interface HarnessDatabase {
  /** The settings that point regbot at it. */
  env: Record<string, string>;
  /** The SQLite file (on PostgreSQL, where the file would be: the signing key lies beside it). */
  databasePath: string;
  /** Read-only SQL; SQLite's harness only (scenarios that use it run on SQLite). */
  query<T>(sql: string, ...params: unknown[]): T[];
  /** The `n` of a `select count(*) as n …` both databases understand. */
  count(sql: string): Promise<number>;
  drop(): Promise<void>;
}

export type DatabaseFactory = () => Promise<HarnessDatabase>;

/** A SQLite file copied from a migrated template: every scenario's database unless it asks for another. */
export const sqliteDatabase: DatabaseFactory = async () => {
  const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-it-")), "regbot.sqlite");
  copyFileSync(migratedTemplate(), databasePath);
  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const database = openDatabaseReadOnly(databasePath);
    try {
      return database.sqlite.prepare(sql).all(...params) as T[];
    } finally {
      database.close();
    }
  };
  return {
    env: { DATABASE_PATH: databasePath },
    databasePath,
    query,
    count: async (sql) => query<{ n: number }>(sql)[0]!.n,
    drop: async () => undefined,
  };
};

/** A new database on the test PostgreSQL server (`TEST_DATABASE_URL`); only in `*postgres*` test files. */
export const postgresDatabase: DatabaseFactory = async () => {
  const scratch = await freshPostgresDatabase();
  const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-it-")), "regbot.sqlite");
  return {
    env: { DATABASE_URL: scratch.url, DATABASE_PATH: databasePath },
    databasePath,
    query: () => {
      throw new Error("harness.query reads SQLite, and this harness runs on PostgreSQL");
    },
    count: async (sql) => {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
      } finally {
        await client.end();
      }
    },
    drop: () => scratch.drop(),
  };
};

let scenarioDatabase: DatabaseFactory = sqliteDatabase;

/**
 * Every harness started from now on in this test file runs on `factory` unless it names its own:
 * a `*postgres*` file imports SQLite's scenario files after this to run them on PostgreSQL.
 */
export function runScenariosOn(factory: DatabaseFactory): void {
  scenarioDatabase = factory;
}

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
  /** Runs a read-only query against regbot's database (SQLite only). */
  query<T>(sql: string, ...params: unknown[]): T[];
  /** The `n` of a `select count(*) as n …` both databases understand. */
  count(sql: string): Promise<number>;
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
    database: makeDatabase = scenarioDatabase,
  }: { clock?: () => number; uploadLimitBytes?: number; pacing?: () => number; database?: DatabaseFactory } = {},
): Promise<Harness> {
  const telegram = await startFakeBotApi({ token: TOKEN, ...telegramOptions });
  const database = await makeDatabase();
  const { databasePath } = database;
  const logs: string[] = [];
  const baseEnv = {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ...database.env,
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
  let stopping: Promise<void> | undefined;
  const stopAll = async () => {
    await harness.regbot.stop();
    await telegram.close();
    await database.drop();
    expect(telegram.unimplemented, "methods the fake Bot API does not implement").toEqual([]);
    expect(telegram.internalErrors, "errors inside the fake Bot API").toEqual([]);
  };
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
    query: database.query,
    count: database.count,
    // Once: a scenario file's `afterEach` may stop a harness again (several files imported into one).
    stop: () => (stopping ??= stopAll()),
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
  await countedDown(harness, "select count(*) as n from inbox_updates where state = 'pending'", timeoutMs);
  await countedDown(harness, "select count(*) as n from outbox where state in ('pending', 'sending')", timeoutMs);
}

/** Waits until the count is zero (read through either database, so asked again until then). */
async function countedDown(harness: Harness, sql: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await harness.count(sql);
    if (left === 0) return;
    if (Date.now() >= deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms: ${left} left of ${sql}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

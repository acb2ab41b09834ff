import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { BENCH_BOT_INFO } from "./bench-bot-info.js";
import pino from "pino";
import { assembleBot, type AssembledBot } from "../src/bot/assemble-bot.js";
import { openDatabase, type Database } from "../src/db/database.js";
import { createRepositories, type Repositories } from "../src/db/repositories.js";
import { startRegbot } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import { TELEGRAM_LIMITS, type RateLimitPolicy } from "../src/delivery/rate-limits.js";
import { startFakeBotApi } from "../test/support/fake-bot-api.js";

/** What the scale benchmark's parts share: a stand-in for Telegram, the real bot over a file database, timing. */
export const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;
export const silent = pino({ level: "silent" });

export interface BenchBot extends AssembledBot {
  repositories: Repositories;
  /** Every request the bot made to the stand-in for Telegram, in order. */
  requests: Array<{ method: string; body: Record<string, unknown> }>;
  /** Stores the update in the inbox, as polling and the webhook do, then handles it through the whole bot. */
  handle(update: Update): Promise<void>;
}

/** The real bot over `database`, talking to a stand-in for Telegram that answers every call at once. */
export function benchBot(database: Database, clock: () => number): BenchBot {
  const repositories = createRepositories(database.orm);
  const requests: BenchBot["requests"] = [];
  let messageId = 1_000_000;
  const telegram = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = String(url).split("/").pop() ?? "";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    requests.push({ method, body });
    const result =
      method === "sendMessage"
        ? { message_id: messageId++, date: Math.floor(clock() / 1000), chat: { id: body.chat_id, type: "private" } }
        : true;
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  };
  const assembled = assembleBot(
    {
      token: TOKEN,
      client: { apiRoot: "http://telegram.invalid", fetch: telegram as typeof fetch },
      defaultLanguage: "en",
      defaultTimezone: "Europe/Madrid",
      rateLimits: TELEGRAM_LIMITS,
    },
    repositories,
    clock,
    silent,
  );
  assembled.bot.botInfo = BENCH_BOT_INFO;
  return {
    ...assembled,
    repositories,
    requests,
    async handle(update) {
      await assembled.inbox.store([update]);
      await assembled.bot.handleUpdate(update);
    },
  };
}

/** A fresh folder for a database file (`regbot.sqlite` in it), removed afterwards. */
export async function withDatabaseFile<T>(name: string, work: (path: string) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), `regbot-bench-scale-${name}-`));
  try {
    return await work(join(directory, "regbot.sqlite"));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** `work` on the database at `path`, open only meanwhile (regbot itself takes the file's lock when it starts). */
export async function withOpenDatabase<T>(path: string, work: (database: Database) => Promise<T> | T): Promise<T> {
  const database = openDatabase(path);
  try {
    return await work(database);
  } finally {
    database.close();
  }
}

/**
 * Writes a seeded database file through to the disk. A seed writes up to a gigabyte at once, and
 * the OS writing it back while the next figures are taken made the largest history point slower
 * in wall and CPU time; a chat that grew over years has no such backlog.
 */
export function flushToDisk(path: string): void {
  const file = openSync(path, "r+");
  try {
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
}

/** The database's size on disk, its write-ahead log checkpointed first. */
export function databaseMegabytes(database: Database, path: string): number {
  database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return statSync(path).size / 2 ** 20;
}

/** Milliseconds `work` takes. */
export async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The median of `rounds` timings of `work(round)`, in milliseconds. */
export async function medianOf(rounds: number, work: (round: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) times.push(await timed(() => work(round)));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function count(database: Database, query: string, ...parameters: unknown[]): number {
  return (database.sqlite.prepare(query).get(...parameters) as { n: number }).n;
}

/** A text message (a command when it starts with `/`) from `from` in `chat`. */
export function textUpdate(
  updateId: number,
  chat: { id: number; type: "private" | "supergroup"; title?: string },
  from: { id: number; first_name: string },
  text: string,
  at: number,
): Update {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(at / 1000),
      chat: chat.type === "private" ? { id: chat.id, type: "private", first_name: from.first_name } : chat,
      from: { ...from, is_bot: false, language_code: "en" },
      text,
      ...(command === null ? {} : { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }),
    },
  } as Update;
}

const NO_SENDING_LIMITS: RateLimitPolicy = {
  perChatIntervalMs: 0,
  groupWindowMs: 0,
  groupMessagesPerWindow: Infinity,
  globalWindowMs: 0,
  globalMessagesPerWindow: Infinity,
};

/** regbot started as `main` starts it, on the database at `path`, against a fake Bot API over HTTP; how long the start took. */
export async function startRegbotOn(
  path: string,
  clock: () => number,
): Promise<{ startMs: number; telegramCalls: string[]; stop(): Promise<void> }> {
  const telegram = await startFakeBotApi({ token: TOKEN, now: clock });
  const config = parseConfig({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_PATH: path,
    POLL_TIMEOUT_SECONDS: "0",
  });
  let stopping = false;
  const started = performance.now();
  const regbot = await startRegbot(config, {
    clock,
    logger: silent,
    schedulerTick: "0 0 1 1 *",
    rateLimits: NO_SENDING_LIMITS,
    onFatal: (error) => {
      if (!stopping) throw error;
    },
  });
  const startMs = performance.now() - started;
  return {
    startMs,
    telegramCalls: telegram.calls.map((call) => call.method),
    async stop() {
      stopping = true;
      await regbot.stop();
      await telegram.close();
    },
  };
}

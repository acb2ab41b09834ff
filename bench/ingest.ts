import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Update } from "grammy/types";
import { BENCH_BOT_INFO } from "./bench-bot-info.js";
import pino from "pino";
import { openDatabase } from "../src/db/database.js";
import { assembleBot } from "../src/bot/assemble-bot.js";
import { describeUpdate } from "../src/records/describe-update.js";
import { createRepositories } from "../src/db/repositories.js";
import { TELEGRAM_LIMITS } from "../src/delivery/rate-limits.js";
import { canonicalJson, sealEvent, type ChainHead } from "../src/domain/evidence-chain.js";

/**
 * Updates per second through the whole stack (grammY's polling loop, the durable inbox,
 * the hash chain, the middleware), fed in batches of 100 as getUpdates delivers them,
 * against the raw better-sqlite3 insert of the same rows with the same hashing.
 */
const BATCH_SIZE = 100;
const BATCHES = 200;
const CHATS = 20;
const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

export interface IngestResult {
  updates: number;
  stackPerSecond: number;
  /** regbot's storage alone (the inbox transaction fed directly): how much of the gap is grammY and the features. */
  storagePerSecond: number;
  rawPerSecond: number;
  ratio: number;
  p50Ms: number;
  p99Ms: number;
}

export async function benchIngest(): Promise<IngestResult> {
  const batches = makeBatches();
  const updates = BATCH_SIZE * BATCHES;
  const raw = measureRawInsert(batches);
  const storage = await measureStorage(batches);
  const stack = await measureFullStack(batches);
  return {
    updates,
    stackPerSecond: updates / (stack.seconds || Number.EPSILON),
    storagePerSecond: updates / (storage || Number.EPSILON),
    rawPerSecond: updates / (raw || Number.EPSILON),
    ratio: raw / stack.seconds,
    p50Ms: percentile(stack.latencies, 0.5),
    p99Ms: percentile(stack.latencies, 0.99),
  };
}

/** 100-update batches of group messages in 20 chats, as getUpdates delivers them (other benchmarks reuse them). */
export function makeBatches(batches = BATCHES): Update[][] {
  let updateId = 1;
  return Array.from({ length: batches }, () =>
    Array.from({ length: BATCH_SIZE }, () => {
      const id = updateId++;
      const chatId = -1001000000000 - (id % CHATS);
      return {
        update_id: id,
        message: {
          message_id: id,
          date: 1_790_000_000 + id,
          chat: { id: chatId, type: "supergroup", title: `Client ${id % CHATS}` },
          from: { id: 500 + (id % 3), is_bot: false, first_name: "Ana", language_code: "es" },
          text: `Message ${id}: the new creatives are ready for review, please check the ad set before launch.`,
        },
      } as Update;
    }),
  );
}

async function measureFullStack(batches: Update[][]): Promise<{ seconds: number; latencies: number[] }> {
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-stack-"));
  const database = openDatabase(join(directory, "regbot.sqlite"));
  const repositories = createRepositories(database.orm);
  const logger = pino({ level: "silent" });
  const deliveredAt = new Map<number, number>();
  const latencies: number[] = [];
  // What Telegram's servers send, serialised before the clock starts as the raw baseline's rows are
  // made before its own: the bytes are Telegram's work, reading them is regbot's (grammY parses each).
  const answer = (result: unknown) => new TextEncoder().encode(JSON.stringify({ ok: true, result }));
  const queue = batches.map((batch) => ({ ids: batch.map((update) => update.update_id), body: answer(batch) }));
  const nothingWaiting = answer([]);
  const done = answer(true);
  let stop = () => undefined as unknown;
  // Stands in for Telegram's network, beneath every transformer the bot installs (the durable inbox among them).
  const telegram = async (url: string | URL | Request): Promise<Response> => {
    let body = done;
    if (String(url).endsWith("/getUpdates")) {
      const batch = queue.shift();
      if (batch === undefined) stop();
      const now = performance.now();
      for (const id of batch?.ids ?? []) deliveredAt.set(id, now);
      body = batch?.body ?? nothingWaiting;
    }
    return new Response(body, { headers: { "content-type": "application/json" } });
  };
  const client = { apiRoot: "http://telegram.invalid", fetch: telegram as typeof fetch };
  const { bot } = assembleBot(
    { token: TOKEN, client, defaultLanguage: "en", defaultTimezone: "UTC", rateLimits: TELEGRAM_LIMITS },
    repositories,
    Date.now,
    logger,
  );
  stop = () => void bot.stop();
  bot.botInfo = BENCH_BOT_INFO;
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update) => {
    await handle(update);
    latencies.push(performance.now() - deliveredAt.get(update.update_id)!);
  };

  const started = performance.now();
  await bot.start({ timeout: 0 });
  const seconds = (performance.now() - started) / 1000;
  const stored = database.sqlite.prepare("select count(*) as n from events where kind = 'message'").get() as {
    n: number;
  };
  if (stored.n !== BATCH_SIZE * BATCHES)
    throw new Error(`stored ${stored.n} of ${BATCH_SIZE * BATCHES} messages: the bench bypassed the inbox`);
  database.close();
  rmSync(directory, { recursive: true, force: true });
  if (latencies.length !== BATCH_SIZE * BATCHES) throw new Error(`handled ${latencies.length} updates`);
  return { seconds, latencies };
}

/** The inbox's own transaction per batch, as getUpdates would drive it, each carrying the previous batch's handled marks. */
async function measureStorage(batches: Update[][]): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-storage-"));
  const database = openDatabase(join(directory, "regbot.sqlite"));
  const { correspondence } = createRepositories(database.orm);
  let handled: number[] = [];
  const started = performance.now();
  for (const batch of batches) {
    await correspondence.ingest(
      batch.map((update) => ({ updateId: update.update_id, payload: update, drafts: describeUpdate(update) })),
      Date.now(),
      handled,
    );
    handled = batch.map((update) => update.update_id);
  }
  const seconds = (performance.now() - started) / 1000;
  const stored = database.sqlite.prepare("select count(*) as n from events where kind = 'message'").get() as {
    n: number;
  };
  database.close();
  rmSync(directory, { recursive: true, force: true });
  if (stored.n !== BATCH_SIZE * BATCHES) throw new Error(`stored ${stored.n} of ${BATCH_SIZE * BATCHES} messages`);
  return seconds;
}

function measureRawInsert(batches: Update[][]): number {
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-raw-"));
  const sqlite = new BetterSqlite3(join(directory, "raw.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.exec(`
    CREATE TABLE inbox (update_id INTEGER PRIMARY KEY, payload TEXT NOT NULL, received_at INTEGER NOT NULL);
    CREATE TABLE events (chat_id INTEGER, seq INTEGER, source TEXT, kind TEXT, prev_hash TEXT, hash TEXT, line TEXT,
      received_at INTEGER, telegram_date INTEGER, sender_id INTEGER, message_id INTEGER, text TEXT,
      PRIMARY KEY (chat_id, seq));`);
  const insertInbox = sqlite.prepare("INSERT INTO inbox VALUES (?, ?, ?)");
  const insertEvent = sqlite.prepare("INSERT INTO events VALUES (?, ?, ?, 'message', ?, ?, ?, ?, ?, ?, ?, ?)");
  const heads = new Map<number, ChainHead>();
  const storeBatch = sqlite.transaction((batch: Update[]) => {
    const at = Date.now();
    for (const update of batch) {
      const message = update.message!;
      // Serialised once for both rows, as the stack does.
      const payload = canonicalJson(update);
      insertInbox.run(update.update_id, payload, at);
      const source = `update:${update.update_id}`;
      const sealed = sealEvent(
        heads.get(message.chat.id),
        { chat: message.chat.id, kind: "message", source, at: new Date(at).toISOString(), payload: update },
        payload,
      );
      heads.set(message.chat.id, sealed);
      insertEvent.run(
        message.chat.id,
        sealed.seq,
        source,
        sealed.prevHash,
        sealed.hash,
        sealed.line,
        at,
        message.date,
        message.from!.id,
        message.message_id,
        message.text,
      );
    }
  });
  const started = performance.now();
  for (const batch of batches) storeBatch(batch);
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  rmSync(directory, { recursive: true, force: true });
  return seconds;
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";
import pg from "pg";
import pino from "pino";
import { assembleBot } from "../src/bot/assemble-bot.js";
import { openStore } from "../src/db/store.js";
import { TELEGRAM_LIMITS } from "../src/delivery/rate-limits.js";
import { describeUpdate } from "../src/records/describe-update.js";
import { canonicalJson, sealEvent, type ChainHead } from "../src/domain/evidence-chain.js";
import { startFakeBotApi } from "../test/support/fake-bot-api.js";
import { scratchPostgresDatabase } from "../test/support/scratch-postgres.js";
import { BENCH_BOT_INFO } from "./bench-bot-info.js";
import { makeBatches, percentile } from "./ingest.js";

/**
 * SQLite's ingest traffic (group messages in 20 chats) through regbot on PostgreSQL, each run in
 * a database of its own on one server, against raw inserts of the same rows into that server in
 * the same run: one process polling (batches of 100, one transaction each, as getUpdates
 * delivers them), then 1 and 3 real regbot processes in webhook mode (one update a request,
 * stored durably before the 200), each against the raw insert of the same shape.
 * BENCH_DATABASE_URL (else TEST_DATABASE_URL) names a server whose user may create databases.
 */
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
/** Webhook requests in flight at once, all processes together (Telegram's default `max_connections` is 40). */
const IN_FLIGHT = 20;
const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SECRET = "bench-secret";
const WEBHOOK_PATH = "/telegram";
const MAIN = fileURLToPath(new URL("../src/main.js", import.meta.url));

export interface PostgresIngestResult {
  updates: number;
  polling: { perSecond: number; p50Ms: number; p99Ms: number };
  /** regbot's inbox transaction fed the same batches directly (no grammY, no features): the gap's storage part. */
  storagePerSecond: number;
  /** One transaction per batch of 100, a statement per row, on one connection. */
  rawBatchedPerSecond: number;
  webhook: WebhookRun[];
  /** One transaction per update, `IN_FLIGHT` connections at once: the webhook's shape. */
  rawPerUpdatePerSecond: number;
}

export interface WebhookRun {
  processes: number;
  /** Every update answered 200 (stored durably). */
  storedPerSecond: number;
  /** Every update stored and handled (its inbox row no longer pending). */
  handledPerSecond: number;
}

export async function benchPostgresIngest(): Promise<PostgresIngestResult> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const batches = makeBatches(BATCHES);
  const updates = batches.flat();
  const rawBatched = await inScratchDatabase(adminUrl, (url) => measureRawBatched(url, batches));
  const polling = await inScratchDatabase(adminUrl, (url) => measurePolling(url, batches));
  const storage = await inScratchDatabase(adminUrl, (url) => measureStorage(url, batches));
  const rawPerUpdate = await inScratchDatabase(adminUrl, (url) => measureRawPerUpdate(url, updates));
  const webhook: WebhookRun[] = [];
  for (const processes of [1, 3])
    webhook.push(await inScratchDatabase(adminUrl, (url) => measureWebhook(url, updates, processes)));
  return {
    updates: updates.length,
    polling: {
      perSecond: updates.length / polling.seconds,
      p50Ms: percentile(polling.latencies, 0.5),
      p99Ms: percentile(polling.latencies, 0.99),
    },
    storagePerSecond: updates.length / storage,
    rawBatchedPerSecond: updates.length / rawBatched,
    webhook,
    rawPerUpdatePerSecond: updates.length / rawPerUpdate,
  };
}

async function inScratchDatabase<T>(adminUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const scratch = await scratchPostgresDatabase(adminUrl, "regbot_bench_ingest");
  try {
    return await work(scratch.url);
  } finally {
    await scratch.drop();
  }
}

/** SQLite's full-stack run on PostgreSQL: grammY's polling loop over a stand-in for Telegram's network. */
async function measurePolling(url: string, batches: Update[][]): Promise<{ seconds: number; latencies: number[] }> {
  const store = await openStore({ postgresUrl: url }, { jobs: Date.now, outbox: Date.now });
  const latencies: number[] = [];
  const deliveredAt = new Map<number, number>();
  // Telegram's bytes, made before the clock starts (as in SQLite's benchmark).
  const answer = (result: unknown) => new TextEncoder().encode(JSON.stringify({ ok: true, result }));
  const queue = batches.map((batch) => ({ ids: batch.map((update) => update.update_id), body: answer(batch) }));
  const nothingWaiting = answer([]);
  const done = answer(true);
  let stop = () => undefined as unknown;
  const telegram = async (request: string | URL | Request): Promise<Response> => {
    let body = done;
    if (String(request).endsWith("/getUpdates")) {
      const batch = queue.shift();
      if (batch === undefined) stop();
      const now = performance.now();
      for (const id of batch?.ids ?? []) deliveredAt.set(id, now);
      body = batch?.body ?? nothingWaiting;
    }
    return new Response(body, { headers: { "content-type": "application/json" } });
  };
  const { bot } = assembleBot(
    {
      token: TOKEN,
      client: { apiRoot: "http://telegram.invalid", fetch: telegram as typeof fetch },
      defaultLanguage: "en",
      defaultTimezone: "UTC",
      rateLimits: TELEGRAM_LIMITS,
      postgresUrl: url,
    },
    store.repositories,
    Date.now,
    pino({ level: "silent" }),
  );
  stop = () => void bot.stop();
  bot.botInfo = BENCH_BOT_INFO;
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update) => {
    await handle(update);
    latencies.push(performance.now() - deliveredAt.get(update.update_id)!);
  };
  const started = performance.now();
  try {
    await bot.start({ timeout: 0 });
  } finally {
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const updates = batches.flat().length;
  await expectStored(url, updates);
  if (latencies.length !== updates) throw new Error(`handled ${latencies.length} of ${updates} updates`);
  return { seconds, latencies };
}

/** The inbox's own transaction per batch, as getUpdates would drive it, each carrying the previous batch's handled marks. */
async function measureStorage(url: string, batches: Update[][]): Promise<number> {
  const store = await openStore({ postgresUrl: url }, { jobs: Date.now, outbox: Date.now });
  let handled: number[] = [];
  const started = performance.now();
  try {
    for (const batch of batches) {
      await store.repositories.correspondence.ingest(
        batch.map((update) => ({ updateId: update.update_id, payload: update, drafts: describeUpdate(update) })),
        Date.now(),
        handled,
      );
      handled = batch.map((update) => update.update_id);
    }
  } finally {
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  await expectStored(url, batches.flat().length);
  return seconds;
}

/**
 * `processes` real regbot processes (`node dist/src/main.js`) in webhook mode on one database,
 * a fake Telegram for their calls; the updates are posted to them in turn, `IN_FLIGHT` at once,
 * and the run ends when every one is stored and handled.
 */
async function measureWebhook(url: string, updates: Update[], processes: number): Promise<WebhookRun> {
  const telegram = await startFakeBotApi({ token: TOKEN });
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-ingest-pg-"));
  const bots: ChildProcess[] = [];
  const client = new pg.Client({ connectionString: url });
  try {
    const ports = await Promise.all(Array.from({ length: processes }, freePort));
    for (const port of ports) bots.push(startBot(url, port, telegram.apiRoot, directory));
    await Promise.all(ports.map((port, index) => untilHealthy(port, bots[index]!)));
    await client.connect();
    const bodies = updates.map((update) => JSON.stringify(update));
    const started = performance.now();
    let next = 0;
    const post = async () => {
      for (let index = next++; index < bodies.length; index = next++) {
        const port = ports[index % ports.length]!;
        const response = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: bodies[index]!,
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`update ${index} answered ${response.status}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, post));
    const stored = (performance.now() - started) / 1000;
    await untilHandled(client, updates.length);
    const handled = (performance.now() - started) / 1000;
    await expectStored(url, updates.length);
    return { processes, storedPerSecond: updates.length / stored, handledPerSecond: updates.length / handled };
  } finally {
    await client.end();
    for (const bot of bots) bot.kill("SIGTERM");
    await Promise.all(bots.map((bot) => (bot.exitCode === null ? once(bot, "exit") : undefined)));
    await telegram.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function startBot(url: string, port: number, apiRoot: string, directory: string): ChildProcess {
  const bot = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? "",
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      DATABASE_URL: url,
      DATABASE_PATH: join(directory, `regbot-${port}.sqlite`),
      BOT_MODE: "webhook",
      WEBHOOK_URL: `https://bench.invalid${WEBHOOK_PATH}`,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return bot;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

async function untilHealthy(port: number, bot: ChildProcess): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (bot.exitCode !== null) throw new Error(`regbot on port ${port} exited with ${bot.exitCode}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`regbot on port ${port} did not start within a minute`);
}

async function untilHandled(client: pg.Client, updates: number): Promise<void> {
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; ) {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from inbox_updates where state <> 'pending'",
    );
    if (Number(rows[0]!.n) >= updates) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the ${updates} updates were not all handled within ten minutes`);
}

/** Fails the run unless every message went through the inbox into the log. */
async function expectStored(url: string, updates: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*) as n from events where kind = 'message'");
    const stored = Number(rows[0]!.n);
    if (stored !== updates) throw new Error(`stored ${stored} of ${updates} messages: the bench bypassed the inbox`);
  } finally {
    await client.end();
  }
}

/** The rows SQLite's raw baseline writes, with the same canonical JSON and sealing. */
const RAW_TABLES = `
  CREATE TABLE inbox (update_id bigint PRIMARY KEY, payload text NOT NULL, received_at bigint NOT NULL);
  CREATE TABLE events (chat_id bigint, seq bigint, source text, kind text, prev_hash text, hash text, line text,
    received_at bigint, telegram_date bigint, sender_id bigint, message_id bigint, text text,
    PRIMARY KEY (chat_id, seq));`;
const INSERT_INBOX = { name: "raw_inbox", text: "INSERT INTO inbox VALUES ($1, $2, $3)" };
const INSERT_EVENT = {
  name: "raw_event",
  text: "INSERT INTO events VALUES ($1, $2, $3, 'message', $4, $5, $6, $7, $8, $9, $10, $11)",
};

/** Seals an update's message on its chat's chain and returns the two rows' statements. */
function rawRows(update: Update, heads: Map<number, ChainHead>, at: number) {
  const message = update.message!;
  const payload = canonicalJson(update);
  const source = `update:${update.update_id}`;
  const sealed = sealEvent(
    heads.get(message.chat.id),
    { chat: message.chat.id, kind: "message", source, at: new Date(at).toISOString(), payload: update },
    payload,
  );
  heads.set(message.chat.id, sealed);
  return [
    { ...INSERT_INBOX, values: [update.update_id, payload, at] },
    {
      ...INSERT_EVENT,
      values: [
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
      ],
    },
  ];
}

async function measureRawBatched(url: string, batches: Update[][]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(RAW_TABLES);
    const heads = new Map<number, ChainHead>();
    const started = performance.now();
    for (const batch of batches) {
      await client.query("BEGIN");
      const at = Date.now();
      for (const update of batch) for (const row of rawRows(update, heads, at)) await client.query(row);
      await client.query("COMMIT");
    }
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

async function measureRawPerUpdate(url: string, updates: Update[]): Promise<number> {
  const clients = Array.from({ length: IN_FLIGHT }, () => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((client) => client.connect()));
  try {
    await clients[0]!.query(RAW_TABLES);
    const heads = new Map<number, ChainHead>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        for (let index = next++; index < updates.length; index = next++) {
          // Sealed before the first await: the chain's order is the order the updates are taken in.
          const rows = rawRows(updates[index]!, heads, Date.now());
          await client.query("BEGIN");
          for (const row of rows) await client.query(row);
          await client.query("COMMIT");
        }
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

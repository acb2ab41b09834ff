import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { CorrespondenceRepository } from "../src/db/correspondence-repository.js";
import { openDatabase, type Database } from "../src/db/database.js";
import { JobRepository } from "../src/db/job-repository.js";
import { OutboxRepository } from "../src/db/outbox-repository.js";
import { Scheduler, type JobHandler } from "../src/scheduler/scheduler.js";

/**
 * One scheduler tick with 10,000 chats each owing one reminder (claim, run, record the outcomes
 * and enqueue the messages, durably), against the raw better-sqlite3 cost of the same writes
 * on the same schema. Each side runs on a fresh file-backed database; the median round counts.
 */
const CHATS = 10_000;
const ROUNDS = 5;
/** The scheduler's batch: jobs claimed and recorded in one transaction. */
const BATCH = 2_000;
const DUE_AT = 1_790_000_000_000;
const NOW = DUE_AT + 1_000;
const REMINDER = "Reminder: the weekly report is due today at 17:00 (Europe/Madrid). Please post it in this chat.";

export interface SchedulerTickResult {
  jobs: number;
  rounds: number;
  tickMs: number;
  rawMs: number;
  /** The same raw writes committed as the tick commits them: a batch of 2,000 a transaction. */
  rawBatchedMs: number;
  /** How many times the raw writes' duration one tick takes. */
  ratio: number;
}

export async function benchSchedulerTick(): Promise<SchedulerTickResult> {
  const ticks: number[] = [];
  const raws: number[] = [];
  const rawBatches: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    raws.push(await withSeededDatabase((database) => measureRawWrites(database, CHATS)));
    rawBatches.push(await withSeededDatabase((database) => measureRawWrites(database, BATCH)));
    ticks.push(await withSeededDatabase(measureTick));
  }
  const tickMs = median(ticks);
  const rawMs = median(raws);
  return { jobs: CHATS, rounds: ROUNDS, tickMs, rawMs, rawBatchedMs: median(rawBatches), ratio: tickMs / rawMs };
}

async function measureTick(database: Database): Promise<number> {
  const outbox = new OutboxRepository(database.orm, new CorrespondenceRepository(database.orm));
  const jobs = new JobRepository(database.orm, outbox);
  const reminders: JobHandler = {
    kind: "reminder",
    run: async (job) => ({
      messages: [{ to: { chatId: job.chatId! }, text: REMINDER, dedupeKey: `${job.dedupeKey}:sent` }],
    }),
  };
  const scheduler = new Scheduler({
    jobs,
    handlers: [reminders],
    clock: () => NOW,
    logger: pino({ level: "silent" }),
    onMessagesPosted: () => undefined,
  });
  const started = performance.now();
  await scheduler.tick();
  const elapsed = performance.now() - started;
  assertEveryReminderQueued(database);
  return elapsed;
}

/** The tick's writes through raw better-sqlite3, `batch` jobs (claimed oldest first) a durable transaction. */
function measureRawWrites(database: Database, batch: number): number {
  const { sqlite } = database;
  const claim = sqlite.prepare(
    "UPDATE jobs SET state = 'running', attempts = attempts + 1, last_run_at = ? WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?) RETURNING id, chat_id, dedupe_key",
  );
  const enqueue = sqlite.prepare(
    "INSERT INTO outbox (dedupe_key, chat_id, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const complete = sqlite.prepare("UPDATE jobs SET state = 'done', ran_late = 0, last_error = NULL WHERE id = ?");
  const payload = JSON.stringify({ text: REMINDER, link_preview_options: { is_disabled: true } });
  const writeBatch = sqlite.transaction((): number => {
    const claimed = claim.all(NOW, NOW, batch) as Array<{ id: number; chat_id: number; dedupe_key: string }>;
    for (const job of claimed) {
      // The row the tick writes: next_attempt_at 0, leave as soon as the limits allow.
      enqueue.run(`${job.dedupe_key}:sent`, job.chat_id, payload, 0, NOW);
      complete.run(job.id);
    }
    return claimed.length;
  });
  const started = performance.now();
  while (writeBatch() === batch);
  const elapsed = performance.now() - started;
  assertEveryReminderQueued(database);
  return elapsed;
}

/** A migrated file-backed database holding the chats and their due reminders. */
async function withSeededDatabase(measure: (database: Database) => number | Promise<number>): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-tick-"));
  const database = openDatabase(join(directory, "regbot.sqlite"));
  try {
    const addChat = database.sqlite.prepare(
      "INSERT INTO chats (telegram_chat_id, type, title, created_at) VALUES (?, 'supergroup', ?, ?)",
    );
    const addJob = database.sqlite.prepare(
      "INSERT INTO jobs (kind, dedupe_key, chat_id, due_at) VALUES ('reminder', ?, ?, ?)",
    );
    database.sqlite.transaction(() => {
      for (let index = 1; index <= CHATS; index += 1) {
        const chatId = Number(addChat.run(-1_001_000_000_000 - index, `Client ${index}`, DUE_AT).lastInsertRowid);
        addJob.run(`reminder:${chatId}`, chatId, DUE_AT);
      }
    })();
    return await measure(database);
  } finally {
    database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function assertEveryReminderQueued(database: Database): void {
  const count = (sql: string) => (database.sqlite.prepare(sql).get() as { n: number }).n;
  const done = count("SELECT count(*) AS n FROM jobs WHERE state = 'done'");
  const queued = count("SELECT count(*) AS n FROM outbox");
  if (done !== CHATS || queued !== CHATS)
    throw new Error(`tick left ${done} jobs done and ${queued} messages queued of ${CHATS}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

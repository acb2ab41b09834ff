import { CorrespondenceRepository } from "../src/db/correspondence-repository.js";
import type { Database } from "../src/db/database.js";
import { DAILY_CHECKPOINT_JOB, dailyCheckpointJobKey } from "../src/db/checkpoint-repository.js";
import { DIGEST_JOB, digestJobKey } from "../src/db/status-repository.js";
import { ChainVerifier } from "../src/domain/evidence-chain.js";
import { Scheduler } from "../src/scheduler/scheduler.js";
import { seedLongChat } from "./export-history.js";
import {
  benchBot,
  count,
  DAY,
  flushToDisk,
  HOUR,
  medianOf,
  silent,
  textUpdate,
  timed,
  withDatabaseFile,
  withOpenDatabase,
} from "./scale-support.js";

/** What one chat costs as it ages: `/status`, handling a message, its first checkpoint, the digest, `verify`. */
export interface HistoryPoint {
  events: number;
  windows: number;
  statusMs: number;
  /** A client's question and the specialist's answer (each opens or closes a response window), per message. */
  messageMs: number;
  /** The same messages' CPU time, per message: on the shared machine wall time is mostly the fsync and waiting for a core. */
  messageCpuMs: number;
  /** The chat's first checkpoint: also the process's first, which builds the chat language's number formats. */
  firstCheckpointMs: number;
  /** Median of the checkpoints taken after it, each after a message, and of their CPU time. */
  checkpointMs: number;
  checkpointCpuMs: number;
  digestMs: number;
  verifyMs: number;
}

// The people and chat of `seedLongChat`.
const CHAT = { id: -1001987654321, type: "supergroup" as const, title: "Acme × Sofía" };
const SPECIALIST = { id: 501, first_name: "Sofía" };
const CLIENT = { id: 601, first_name: "Iván" };
const HISTORY_START = Date.parse("2024-01-01T09:00:00Z");
const MESSAGE_PAIRS = 20;
const LATER_CHECKPOINTS = 5;

export async function measureHistory(events: number): Promise<HistoryPoint> {
  return withDatabaseFile(`history-${events}`, async (path) => {
    const { chatId } = await seedLongChat(path, events);
    const now = mondayAfter(HISTORY_START + events * 30_000);
    const windows = await withOpenDatabase(path, (database) => seedRecords(database, chatId, events, now));
    flushToDisk(path);
    return withOpenDatabase(path, async (database) => {
      let clock = now;
      const bot = benchBot(database, () => clock);
      const scheduler = new Scheduler({
        jobs: bot.repositories.jobs,
        handlers: bot.jobHandlers,
        clock: () => clock,
        logger: silent,
        onMessagesPosted: () => undefined,
      });
      scheduler.markCaughtUp();
      await scheduler.idle();
      let updateId = 10_000_000;
      const group = { ...CHAT };
      // The first /status loads translations and prepares statements: not what a chat's age costs.
      await bot.handle(textUpdate(updateId++, group, SPECIALIST, "/status", clock));
      const statusMs = await medianOf(9, () => bot.handle(textUpdate(updateId++, group, SPECIALIST, "/status", clock)));
      const statuses = count(database, "SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE 'update:%:status'");
      if (statuses !== 10) throw new Error(`/status at ${events} events queued ${statuses} replies of 10`);
      const windowsBefore = count(database, "SELECT count(*) AS n FROM response_windows WHERE chat_id = ?", chatId);
      const cpuBefore = process.cpuUsage();
      const pairMs = await medianOf(MESSAGE_PAIRS, async () => {
        clock += HOUR;
        await bot.handle(textUpdate(updateId++, group, CLIENT, "When will the report be ready?", clock));
        clock += 10 * 60_000;
        await bot.handle(textUpdate(updateId++, group, SPECIALIST, "Tomorrow morning, with the budget.", clock));
      });
      const pairsCpu = process.cpuUsage(cpuBefore);
      const messageCpuMs = (pairsCpu.user + pairsCpu.system) / 1000 / (2 * MESSAGE_PAIRS);
      const answered = count(
        database,
        "SELECT count(*) AS n FROM response_windows WHERE chat_id = ? AND id > 0 AND answered_at IS NOT NULL AND opened_at > ?",
        chatId,
        now,
      );
      if (
        answered !== MESSAGE_PAIRS ||
        count(database, "SELECT count(*) AS n FROM response_windows WHERE chat_id = ?", chatId) !==
          windowsBefore + MESSAGE_PAIRS
      )
        throw new Error(`${MESSAGE_PAIRS} questions and answers at ${events} events left ${answered} windows answered`);
      const runJob = (kind: string, dedupeKey: string) =>
        timed(async () => {
          bot.repositories.jobs.schedule({ kind, dedupeKey, chatId, dueAt: clock, judgesConduct: true });
          await scheduler.tick();
        });
      const firstCheckpointMs = await runJob(DAILY_CHECKPOINT_JOB, dailyCheckpointJobKey(chatId));
      const laterCheckpoints: number[] = [];
      const laterCheckpointsCpu: number[] = [];
      for (let round = 0; round < LATER_CHECKPOINTS; round += 1) {
        clock += HOUR;
        await bot.handle(textUpdate(updateId++, group, SPECIALIST, "The draft is in the shared folder.", clock));
        const tickCpuBefore = process.cpuUsage();
        laterCheckpoints.push(await runJob(DAILY_CHECKPOINT_JOB, dailyCheckpointJobKey(chatId)));
        const cpu = process.cpuUsage(tickCpuBefore);
        laterCheckpointsCpu.push((cpu.user + cpu.system) / 1000);
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const digestMs = await runJob(DIGEST_JOB, digestJobKey(chatId));
      const checkpoints = count(
        database,
        "SELECT count(*) AS n FROM events WHERE chat_id = ? AND kind = 'checkpoint'",
        chatId,
      );
      const digests = count(
        database,
        "SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE 'digest:%' AND state = 'pending'",
      );
      if (checkpoints !== 1 + LATER_CHECKPOINTS || digests === 0)
        throw new Error(`at ${events} events the jobs took ${checkpoints} checkpoints and queued ${digests} digests`);
      const verifyMs = await timed(async () => {
        const verifier = new ChainVerifier();
        for await (const link of new CorrespondenceRepository(database.orm).readChain(chatId)) verifier.accept(link);
        const verdict = verifier.verdict();
        if (!verdict.intact || verdict.count < events)
          throw new Error(`verify at ${events} events: ${JSON.stringify(verdict)}`);
      });
      return {
        events,
        windows,
        statusMs,
        messageMs: pairMs / 2,
        messageCpuMs,
        firstCheckpointMs,
        checkpointMs: median(laterCheckpoints),
        checkpointCpuMs: median(laterCheckpointsCpu),
        digestMs,
        verifyMs,
      };
    });
  });
}

/** 11:00 UTC on the first Monday after `at` (inside Madrid's contact hours). */
function mondayAfter(at: number): number {
  const day = new Date(at);
  let monday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1, 11, 0);
  while (new Date(monday).getUTCDay() !== 1) monday += DAY;
  return monday;
}

/**
 * What such a history leaves besides the log, in proportion to it: a question answered every 10
 * events (one in seven late, one in ten needing no answer), a request every 500 (one in ten provided late), a revision every
 * 1,000, a call every 5,000, a voice message every 40 (one in ten without its text).
 */
function seedRecords(database: Database, chatId: number, events: number, now: number): number {
  const { sqlite } = database;
  const at = (index: number) => HISTORY_START + index * 30_000;
  const insert = {
    role: sqlite.prepare("INSERT INTO chat_roles (chat_id, user_id, role, since) VALUES (?, ?, ?, ?)"),
    person: sqlite.prepare(
      "INSERT OR IGNORE INTO people (chat_id, user_id, first_name, last_seen_at) VALUES (?, ?, ?, ?)",
    ),
    window: sqlite.prepare(
      "INSERT INTO response_windows (chat_id, opened_at, opened_by_message_id, regulation_version, due_at, state, answered_at, answered_by, business_minutes) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)",
    ),
    dismissed: sqlite.prepare(
      "INSERT INTO response_windows (chat_id, opened_at, opened_by_message_id, regulation_version, due_at, state, dismissed_at, dismissed_by, dismiss_reason) VALUES (?, ?, ?, 1, ?, 'dismissed', ?, ?, 'thanks')",
    ),
    obligation: sqlite.prepare(
      "INSERT INTO obligations (chat_id, kind, number, description, created_by, created_at, due_at, state, closed_at, business_days_late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    voice: sqlite.prepare(
      "INSERT INTO voice_messages (chat_id, message_id, sender_id, sent_at, duration, media_type, burst_message_id, nudged, transcribed_at) VALUES (?, ?, ?, ?, 40, 'voice', ?, 1, ?)",
    ),
    lastDigest: sqlite.prepare(
      "INSERT INTO outbox (dedupe_key, chat_id, payload, state, next_attempt_at, created_at) VALUES (?, ?, '{}', 'sent', ?, ?)",
    ),
  };
  let windows = 0;
  sqlite.transaction(() => {
    insert.role.run(chatId, SPECIALIST.id, "specialist", HISTORY_START);
    insert.role.run(chatId, CLIENT.id, "client", HISTORY_START);
    insert.person.run(chatId, SPECIALIST.id, SPECIALIST.first_name, HISTORY_START);
    insert.person.run(chatId, CLIENT.id, CLIENT.first_name, HISTORY_START);
    const weekAgo = now - 7 * DAY;
    insert.lastDigest.run(`digest:${chatId}:${weekAgo}`, chatId, weekAgo, weekAgo);
    const number = { request: 0, revision: 0, call: 0 };
    const obligation = (kind: keyof typeof number, index: number, late: boolean) => {
      number[kind] += 1;
      const createdAt = at(index);
      const dueAt = createdAt + 2 * DAY;
      const closedAt = late ? dueAt + DAY : dueAt - HOUR;
      insert.obligation.run(
        chatId,
        kind,
        number[kind],
        `${kind} ${number[kind]}`,
        SPECIALIST.id,
        createdAt,
        dueAt,
        "done",
        closedAt,
        late ? 1 : 0,
      );
    };
    for (let index = 10; index <= events; index += 10) {
      const openedAt = at(index);
      const late = index % 70 === 0;
      if (index % 100 === 50) {
        insert.dismissed.run(chatId, openedAt, -index, openedAt + 2 * HOUR, openedAt + HOUR, SPECIALIST.id);
        windows += 1;
        continue;
      }
      insert.window.run(
        chatId,
        openedAt,
        -index,
        openedAt + 2 * HOUR,
        late ? "breached" : "answered",
        openedAt + (late ? 3 : 1) * HOUR,
        SPECIALIST.id,
        late ? 180 : 60,
      );
      windows += 1;
      if (index % 500 === 0) obligation("request", index, index % 5_000 === 0);
      if (index % 1_000 === 0) obligation("revision", index, false);
      if (index % 5_000 === 0) obligation("call", index, false);
    }
    for (let index = 41; index <= events; index += 40)
      insert.voice.run(chatId, index, CLIENT.id, at(index), index, index % 400 === 1 ? null : at(index + 1));
  })();
  return windows;
}

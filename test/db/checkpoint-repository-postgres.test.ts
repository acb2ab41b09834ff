import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chat } from "../../src/db/chat-repository.js";
import { type Checkpoint, DAILY_CHECKPOINT_JOB } from "../../src/db/checkpoint-repository.js";
import type { JobCompletion } from "../../src/db/job-repository.js";
import { PostgresJobRepository } from "../../src/db/postgres/job-repository.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { whenAnswered } from "../../src/now-or-later.js";
import type { OutgoingMessage } from "../../src/db/outbox-repository.js";
import { PostgresCheckpointRepository } from "../../src/db/postgres/checkpoint-repository.js";
import { openPostgres } from "../../src/db/postgres/database.js";
import { chainFrontiers } from "../../src/db/postgres/schema.js";
import { PostgresSession } from "../../src/db/postgres/session.js";
import { chainFrontiers as sqliteChainFrontiers } from "../../src/db/schema.js";
import { auditLog } from "../../src/domain/log-audit.js";
import { readPostgresChain } from "../../src/db/postgres/correspondence-reader.js";
import {
  correspondenceOf,
  eventsAfter,
  frontiersInBoth,
  lastOutboxId,
  outboxAfter,
  outboxOf,
  specialist,
  type TwinDatabases,
  twinDatabases,
} from "../support/twin-databases.js";

let twins: TwinDatabases;
let chat: Chat;
let postgres: PostgresCheckpointRepository;

beforeAll(async () => {
  twins = await twinDatabases();
  chat = (await twins.repositories.chats.findByTelegramId(twins.chat.id))!;
  postgres = new PostgresCheckpointRepository(twins.session, correspondenceOf(twins.session), outboxOf(twins.session));
}, 120_000);

afterAll(async () => {
  await twins?.close();
});

const announce = (checkpoint: Checkpoint): OutgoingMessage => ({
  to: { chatId: chat.id },
  text: `${checkpoint.size}:${checkpoint.root}`,
});

/** The same event appended in both databases, as something logged between checkpoints. */
async function logInBoth(source: string, at: number): Promise<void> {
  const draft = {
    chat: { telegramChatId: chat.telegramChatId, type: "supergroup" as const },
    kind: "bot_message" as const,
    source,
    messageId: 90_000 + at / 1000,
    payload: { note: source },
  };
  await twins.repositories.correspondence.append([draft], at);
  await correspondenceOf(twins.session).append([draft], at);
}

async function lastSeq(): Promise<number> {
  return (await twins.repositories.correspondence.chainHead(chat.id))!.seq;
}

describe("PostgreSQL's checkpoints, against SQLite's on the same history", () => {
  it("reads the history's checkpoints, their delivery and the daily job as SQLite does", async () => {
    const sqlite = twins.repositories.checkpoints;
    const delivery = await sqlite.latestDelivery(chat.id);
    expect(delivery).toBeDefined();
    expect(await postgres.latestDelivery(chat.id)).toEqual(delivery);
    expect(await postgres.dailyScheduled(chat.id)).toBe(await sqlite.dailyScheduled(chat.id));
    expect(await postgres.activeChatsWithoutDaily()).toEqual(await sqlite.activeChatsWithoutDaily());
    expect(await postgres.latestDelivery(chat.id + 1000)).toBeUndefined();
  });

  it("takes the same checkpoint, appends the same event and queues the same message", async () => {
    const before = await lastSeq();
    const queuedBefore = lastOutboxId(twins);
    const at = twins.scenario.now + 60_000;
    const request = { chat, messageKey: "test:first", at };
    const onSqlite = await twins.repositories.checkpoints.take(request, announce);
    const onPostgres = await postgres.take(request, announce);
    expect(onPostgres).toEqual(onSqlite);
    expect(onSqlite!.size).toBe(before);
    const queued = await outboxAfter(twins, queuedBefore);
    expect(queued.postgres).toEqual(queued.sqlite);
    expect(queued.postgres).toMatchObject([{ dedupeKey: "test:first", chatId: chat.id }]);
    const appended = await eventsAfter(twins, chat.id, before);
    expect(appended.postgres).toEqual(appended.sqlite);
    expect(appended.postgres).toHaveLength(1);
    expect((await frontiersInBoth(twins, chat.id)).postgres).toEqual((await frontiersInBoth(twins, chat.id)).sqlite);

    // The same key again is the same checkpoint, nothing appended.
    expect(await postgres.take({ ...request, at: at + 1 })).toEqual(onSqlite);
    expect((await eventsAfter(twins, chat.id, before)).postgres).toHaveLength(1);
  });

  it("takes a daily checkpoint only after activity, as SQLite does", async () => {
    const at = twins.scenario.now + 120_000;
    const quiet = { chat, messageKey: "test:quiet", at, onlyAfterActivity: true };
    expect(await twins.repositories.checkpoints.take(quiet)).toBeUndefined();
    expect(await postgres.take(quiet)).toBeUndefined();

    await logInBoth("test:activity", at);
    const before = await lastSeq();
    const busy = { chat, messageKey: "test:busy", at: at + 1000, onlyAfterActivity: true };
    const onSqlite = await twins.repositories.checkpoints.take(busy);
    expect(onSqlite).toBeDefined();
    expect(await twins.session.transaction(() => postgres.takeWithin(busy))).toEqual(onSqlite);
    const appended = await eventsAfter(twins, chat.id, before);
    expect(appended.postgres).toEqual(appended.sqlite);
  });

  it("starts from the last checkpoint's subtrees where no frontier was kept, as SQLite does", async () => {
    twins.sqlite.orm.delete(sqliteChainFrontiers).where(eq(sqliteChainFrontiers.chatId, chat.id)).run();
    await twins.postgres.orm.delete(chainFrontiers).where(eq(chainFrontiers.chatId, chat.id));
    const at = twins.scenario.now + 180_000;
    await logInBoth("test:before-frontier", at);
    const before = await lastSeq();
    const request = { chat, messageKey: "test:no-frontier", at: at + 1000 };
    const onSqlite = await twins.repositories.checkpoints.take(request);
    expect(await postgres.take(request)).toEqual(onSqlite);
    const appended = await eventsAfter(twins, chat.id, before);
    expect(appended.postgres).toEqual(appended.sqlite);
    const frontiers = await frontiersInBoth(twins, chat.id);
    expect(frontiers.postgres).toEqual(frontiers.sqlite);
    expect(frontiers.postgres).toHaveLength(1);
  });

  it("every checkpoint in PostgreSQL's log holds: its root is the root of the events before it", async () => {
    const audit = await auditLog(readPostgresChain(twins.postgres.orm, chat.id));
    expect(audit.verdict.intact).toBe(true);
    expect(audit.checkpoints.length).toBeGreaterThan(3);
    expect(audit.checkpoints.every((checkpoint) => checkpoint.holds)).toBe(true);
    expect(audit).toEqual(await auditLog(twins.repositories.correspondence.readChain(chat.id)));
  });

  it("schedules the daily job as SQLite does: revived when stopped, kept while running", async () => {
    const sqlite = twins.repositories.checkpoints;
    for (const repository of [sqlite, postgres]) await repository.scheduleDaily(chat.id, 1_900_000_000_000);
    expect(await postgres.dailyScheduled(chat.id)).toBe(await sqlite.dailyScheduled(chat.id));
    expect(await postgres.activeChatsWithoutDaily()).toEqual(await sqlite.activeChatsWithoutDaily());
  });

  it("refuses to take a checkpoint outside a transaction, which its lock would not outlive", async () => {
    await expect(postgres.takeWithin({ chat, messageKey: "test:outside", at: twins.scenario.now })).rejects.toThrow(
      /needs a transaction/,
    );
  });
});

describe("PostgreSQL's checkpoints in a scheduler tick's recording transaction", () => {
  const DAY = 24 * 60 * 60 * 1000;

  /** Claims what is due at `at` in both databases and records it, the daily checkpoint through `recordWith`. */
  async function recordDaily(at: number, fails: boolean): Promise<void> {
    const messageKey = `daily-checkpoint:${chat.id}:${at}`;
    const sides = [
      { jobs: twins.repositories.jobs, checkpoints: twins.repositories.checkpoints },
      { jobs: new PostgresJobRepository(twins.session, outboxOf(twins.session)), checkpoints: postgres },
    ];
    for (const { jobs, checkpoints } of sides) {
      await checkpoints.scheduleDaily(chat.id, at);
      const claimed = await jobs.claimDue({ now: at, includeConductJobs: true, limit: 50, runWhileAway: [] });
      const recordWith = () =>
        whenAnswered(checkpoints.takeWithin({ chat, messageKey, at, onlyAfterActivity: true }), (checkpoint) => {
          if (fails) throw new Error("the message could not be made");
          return checkpoint === undefined ? [] : [{ ...announce(checkpoint), dedupeKey: messageKey }];
        });
      const completions: JobCompletion[] = claimed.map((job) =>
        job.kind === DAILY_CHECKPOINT_JOB
          ? {
              jobId: job.id,
              outcome: "done",
              messages: [],
              late: false,
              nextDueAt: at + DAY,
              recordWith,
              ifRecordFails: (error) => ({ jobId: job.id, outcome: "retry", dueAt: at + DAY, error }),
            }
          : { jobId: job.id, outcome: "retry", dueAt: at + DAY, error: "not this test's" },
      );
      expect(completions.filter((completion) => "recordWith" in completion)).toHaveLength(1);
      const { failedWrites } = await jobs.complete(completions, at);
      expect(failedWrites).toHaveLength(fails ? 1 : 0);
    }
  }

  /** What a tick left: the chat's events, frontier, queued messages and jobs, in both databases. */
  async function leftInBoth(seq: number, outboxId: number) {
    const jobsOf = (rows: Array<{ dedupeKey: string; state: string; dueAt: number; attempts: number }>) =>
      rows.map(({ dedupeKey, state, dueAt, attempts }) => ({ dedupeKey, state, dueAt, attempts }));
    return {
      events: await eventsAfter(twins, chat.id, seq),
      frontiers: await frontiersInBoth(twins, chat.id),
      outbox: await outboxAfter(twins, outboxId),
      jobs: {
        sqlite: jobsOf(twins.sqlite.orm.select().from(sqliteSchema.jobs).orderBy(asc(sqliteSchema.jobs.id)).all()),
        postgres: jobsOf(
          await twins.postgres.orm.select().from(postgresSchema.jobs).orderBy(asc(postgresSchema.jobs.id)),
        ),
      },
    };
  }

  it("takes the daily checkpoint with the tick's outcomes and queues its message, as SQLite does", async () => {
    const at = twins.scenario.now + 5 * DAY;
    await logInBoth("test:before-tick", at - 1000);
    const seq = await lastSeq();
    const outboxId = lastOutboxId(twins);
    await recordDaily(at, false);
    const left = await leftInBoth(seq, outboxId);
    for (const side of Object.values(left)) expect(side.postgres).toEqual(side.sqlite);
    expect(left.events.postgres).toHaveLength(1);
    expect(left.outbox.postgres).toMatchObject([{ dedupeKey: `daily-checkpoint:${chat.id}:${at}` }]);
  });

  it("undoes the checkpoint, and only it, when the job's record fails, as SQLite does", async () => {
    const at = twins.scenario.now + 7 * DAY;
    await logInBoth("test:before-failing-tick", at - 1000);
    const seq = await lastSeq();
    const outboxId = lastOutboxId(twins);
    const frontier = await frontiersInBoth(twins, chat.id);
    await recordDaily(at, true);
    const left = await leftInBoth(seq, outboxId);
    for (const side of Object.values(left)) expect(side.postgres).toEqual(side.sqlite);
    expect(left.events.postgres).toEqual([]);
    expect(left.frontiers).toEqual(frontier);
  });
});

describe("PostgreSQL's checkpoints while another process appends", () => {
  it("each checkpoint covers exactly the events before its own", async () => {
    const other = await openPostgres(twins.scratch.url);
    try {
      const appending = new PostgresSession(other.orm);
      const appender = correspondenceOf(appending);
      const at = twins.scenario.now + 240_000;
      const appends = (async () => {
        for (let index = 0; index < 60; index += 1)
          await appending.transaction(async () => {
            await appender.appendInTransaction(
              [
                {
                  chat: { telegramChatId: chat.telegramChatId, type: "supergroup" },
                  kind: "bot_message",
                  source: `test:race:${index}`,
                  senderId: specialist.id,
                  payload: { index },
                },
              ],
              at + index,
            );
          });
      })();
      const taken = [];
      for (let index = 0; index < 20; index += 1)
        taken.push(await postgres.take({ chat, messageKey: `test:race-checkpoint:${index}`, at: at + index }));
      await appends;
      const audit = await auditLog(readPostgresChain(twins.postgres.orm, chat.id));
      expect(audit.verdict.intact).toBe(true);
      expect(audit.checkpoints.every((checkpoint) => checkpoint.holds)).toBe(true);
      for (const checkpoint of taken)
        expect(audit.checkpoints).toContainEqual({
          seq: checkpoint!.seq,
          size: checkpoint!.size,
          root: checkpoint!.root,
          holds: true,
        });
    } finally {
      await other.close();
    }
  });
});

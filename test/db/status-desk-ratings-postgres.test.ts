import { asc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chat } from "../../src/db/chat-repository.js";
import { digestAckSource } from "../../src/db/desk-repository.js";
import type { OutgoingMessage } from "../../src/db/outbox-repository.js";
import { openPostgres } from "../../src/db/postgres/database.js";
import { PostgresDeskRepository } from "../../src/db/postgres/desk-repository.js";
import { PostgresRatingRepository } from "../../src/db/postgres/rating-repository.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import { PostgresSession } from "../../src/db/postgres/session.js";
import { PostgresStatusRepository } from "../../src/db/postgres/status-repository.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { digestMessageKey } from "../../src/db/status-repository.js";
import type { EventDraft } from "../../src/domain/correspondence.js";
import {
  correspondenceOf,
  client,
  eventsAfter,
  lastOutboxId,
  outboxAfter,
  outboxOf,
  specialist,
  type TwinDatabases,
  twinDatabases,
} from "../support/twin-databases.js";

const DAY = 24 * 60 * 60 * 1000;

let twins: TwinDatabases;
let chat: Chat;
let status: PostgresStatusRepository;
let desk: PostgresDeskRepository;
let ratings: PostgresRatingRepository;

beforeAll(async () => {
  twins = await twinDatabases();
  chat = (await twins.repositories.chats.findByTelegramId(twins.chat.id))!;
  status = new PostgresStatusRepository(twins.session);
  desk = new PostgresDeskRepository(twins.session);
  ratings = new PostgresRatingRepository(twins.session, correspondenceOf(twins.session), outboxOf(twins.session));
}, 120_000);

afterAll(async () => {
  await twins?.close();
});

/** Every job, as each database stores it. */
async function jobsInBoth(): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  const { jobs } = sqliteSchema;
  const sqlite = twins.sqlite.orm.select().from(jobs).orderBy(asc(jobs.id)).all();
  const postgres = await twins.postgres.orm.select().from(postgresSchema.jobs).orderBy(asc(postgresSchema.jobs.id));
  return { sqlite, postgres };
}

/** Every rating, as each database stores it. */
async function ratingsInBoth(): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  const sqlite = twins.sqlite.orm.select().from(sqliteSchema.ratings).orderBy(asc(sqliteSchema.ratings.id)).all();
  const postgres = await twins.postgres.orm
    .select()
    .from(postgresSchema.ratings)
    .orderBy(asc(postgresSchema.ratings.id));
  return { sqlite, postgres };
}

/** Queues the message in both outboxes (split alike), then marks its rows sent as Telegram message ids from `firstMessageId`. */
async function sentInBoth(message: OutgoingMessage, at: number, firstMessageId: number): Promise<void> {
  const before = lastOutboxId(twins);
  await twins.repositories.outbox.enqueue([message], at);
  await outboxOf(twins.session).enqueue([message], at);
  const queued = await outboxAfter(twins, before);
  expect(queued.postgres).toEqual(queued.sqlite);
  for (const [index, row] of (queued.sqlite as Array<{ id: number }>).entries()) {
    const sent = { state: "sent" as const, sentAt: at, telegramMessageId: firstMessageId + index };
    twins.sqlite.orm.update(sqliteSchema.outbox).set(sent).where(eq(sqliteSchema.outbox.id, row.id)).run();
    await twins.postgres.orm.update(postgresSchema.outbox).set(sent).where(eq(postgresSchema.outbox.id, row.id));
  }
}

describe("PostgreSQL's status reads, against SQLite's on the same history", () => {
  it("finds the chat's digests and the people's chats as SQLite does", async () => {
    const sqlite = twins.repositories.status;
    const lastDigestAt = await sqlite.lastDigestAt(chat.id);
    expect(lastDigestAt).toBeDefined();
    expect(await status.lastDigestAt(chat.id)).toBe(lastDigestAt);
    expect(await status.lastDigestAt(chat.id + 1000)).toBeUndefined();
    expect(await status.nextDigestAt(chat.id)).toBe(await sqlite.nextDigestAt(chat.id));
    const posted = (await twins.repositories.desk.latestDigest(chat.id))!;
    for (const [id, messageId] of [
      [posted.id, undefined],
      [posted.id, 1],
      ["w1", undefined],
      ["u5", undefined],
    ] as const)
      expect(await status.digestWasSent(chat.id, id, messageId)).toBe(
        await sqlite.digestWasSent(chat.id, id, messageId),
      );
    expect(await sqlite.digestWasSent(chat.id, posted.id)).toBe(true);
    for (const userId of [specialist.id, client.id, 12345])
      expect(await status.chatsOf(userId)).toEqual(await sqlite.chatsOf(userId));
    expect(await status.activeChatsWithoutDigest()).toEqual(await sqlite.activeChatsWithoutDigest());
  });

  it("stops, restarts and reschedules the digest as SQLite does", async () => {
    const sqlite = twins.repositories.status;
    for (const repository of [sqlite, status]) await repository.stopDigest(chat.id);
    expect(await status.activeChatsWithoutDigest()).toEqual(await sqlite.activeChatsWithoutDigest());
    expect(await status.activeChatsWithoutDigest()).toEqual([chat.id]);
    for (const repository of [sqlite, status]) await repository.scheduleDigest(chat.id, twins.scenario.now + DAY);
    expect(await status.nextDigestAt(chat.id)).toBe(await sqlite.nextDigestAt(chat.id));
    const jobs = await jobsInBoth();
    expect(jobs.postgres).toEqual(jobs.sqlite);
  });
});

describe("PostgreSQL's desk, against SQLite's on the same history", () => {
  it("lists a person's chats with what each owes, as SQLite does, at any moment", async () => {
    for (const userId of [specialist.id, client.id, 12345])
      for (const now of [twins.scenario.now - 5 * DAY, twins.scenario.now, twins.scenario.now + 3 * DAY]) {
        const expected = await twins.repositories.desk.chatsOf(userId, now);
        expect(await desk.chatsOf(userId, now)).toEqual(expected);
      }
    const [listed] = await desk.chatsOf(specialist.id, twins.scenario.now + 3 * DAY);
    expect(listed).toMatchObject({ chatId: chat.id, role: "specialist" });
    expect(listed!.breached + listed!.overdueRequests).toBeGreaterThan(0);
  });

  it("reads the regulation's history, the checkpoints and the digest as SQLite does", async () => {
    const sqlite = twins.repositories.desk;
    expect(await desk.regulationHistory(chat.id)).toEqual(await sqlite.regulationHistory(chat.id));
    const checkpoints = await sqlite.recentCheckpoints(chat.id, 5);
    expect(checkpoints).toHaveLength(5);
    expect(await desk.recentCheckpoints(chat.id, 5)).toEqual(checkpoints);
    expect(await desk.latestDigest(chat.id)).toEqual(await sqlite.latestDigest(chat.id));
  });

  it("joins a long digest's parts, however many, as SQLite does", async () => {
    const at = twins.scenario.now + 2 * DAY;
    const text = Array.from({ length: 400 }, (_, line) => `Line ${line}: ${"quite a long report ".repeat(12)}`).join(
      "\n",
    );
    await sentInBoth({ to: { chatId: chat.id }, text, dedupeKey: digestMessageKey(chat.id, at) }, at, 70_000);
    const sqlite = await twins.repositories.desk.latestDigest(chat.id);
    expect(sqlite!.postedAt).toBe(at);
    expect(await desk.latestDigest(chat.id)).toEqual(sqlite);
    expect(await status.lastDigestAt(chat.id)).toBe(await twins.repositories.status.lastDigestAt(chat.id));
    expect(await status.digestWasSent(chat.id, sqlite!.id, 70_000)).toBe(true);
  });

  it("finds a person's acknowledgement of a digest in the log, as SQLite does", async () => {
    const { id } = (await twins.repositories.desk.latestDigest(chat.id))!;
    expect(await desk.acknowledged(chat.id, id, client.id)).toBe(false);
    const draft: EventDraft = {
      chat: { telegramChatId: chat.telegramChatId, type: "supergroup" },
      kind: "action",
      source: digestAckSource(id, client.id),
      payload: { by: client.id },
    };
    const at = twins.scenario.now + 2 * DAY;
    await twins.repositories.correspondence.append([draft], at);
    await correspondenceOf(twins.session).append([draft], at);
    expect(await twins.repositories.desk.acknowledged(chat.id, id, client.id)).toBe(true);
    expect(await desk.acknowledged(chat.id, id, client.id)).toBe(true);
  });
});

describe("PostgreSQL's ratings, against SQLite's on the same history", () => {
  const record = (ratingId: number, what: string): EventDraft => ({
    chat: { telegramChatId: chat.telegramChatId, type: "supergroup" },
    kind: "rating",
    source: `test:rating:${ratingId}:${what}`,
    payload: { ratingId, what },
  });
  const message = (ratingId: number): OutgoingMessage => ({ to: { chatId: chat.id }, text: `Rate ${ratingId}` });

  it("reads the history's rating as SQLite does", async () => {
    const sqlite = twins.repositories.ratings;
    const latest = await sqlite.latest(chat.id);
    expect(latest?.score).toBe(4);
    expect(await ratings.latest(chat.id)).toEqual(latest);
    expect(await ratings.find(latest!.id)).toEqual(await sqlite.find(latest!.id));
    expect(await ratings.find(9999)).toBeUndefined();
    const period = [twins.scenario.now - 30 * DAY, twins.scenario.now] as const;
    expect(await ratings.averageBetween(chat.id, ...period)).toEqual(await sqlite.averageBetween(chat.id, ...period));
    expect(await ratings.averageBetween(chat.id, 0, 1)).toBeUndefined();
    expect(await ratings.ratedBetween(chat.id, ...period)).toEqual(await sqlite.ratedBetween(chat.id, ...period));
    const { messageChatId, messageId } = latest!;
    expect(await ratings.awaitingComment(messageChatId!, messageId!)).toEqual(
      await sqlite.awaitingComment(messageChatId!, messageId!),
    );
    expect(await ratings.commentAwaitedInPrivate(client.id, period[0])).toEqual(
      await sqlite.commentAwaitedInPrivate(client.id, period[0]),
    );
    expect(await ratings.activeChatsWithoutMonthly()).toEqual(await sqlite.activeChatsWithoutMonthly());
  });

  it("asks, scores and takes a comment as SQLite does: the first of each stands", async () => {
    const sqlite = twins.repositories.ratings;
    const before = (await twins.repositories.correspondence.chainHead(chat.id))!.seq;
    const queuedBefore = lastOutboxId(twins);
    const at = twins.scenario.now + 3 * DAY;
    const asked = { chatId: chat.id, userId: client.id, source: "test:occasion", at, notBefore: at - DAY };
    const ask = (repository: typeof sqlite | typeof ratings) =>
      repository.request(asked, (id) => record(id, "asked"), message);
    const requested = await ask(sqlite);
    expect(requested).toBeDefined();
    expect(await ask(ratings)).toEqual(requested);
    // Asked already since `notBefore`, and this occasion asked already.
    for (const repository of [sqlite, ratings]) {
      expect(
        await repository.request({ ...asked, source: "test:other-occasion" }, (id) => record(id, "asked"), message),
      ).toBeUndefined();
      expect(
        await repository.request({ ...asked, notBefore: at + 1 }, (id) => record(id, "asked"), message),
      ).toBeUndefined();
    }

    const score = { score: 5, at: at + 1000, messageChatId: client.id, messageId: 4242 };
    const thanks = [message(0)];
    for (const repository of [sqlite, ratings]) {
      expect(await repository.rate(requested!.id, score, record(requested!.id, "rated"), thanks)).toBe(true);
      expect(
        await repository.rate(requested!.id, { ...score, score: 1 }, record(requested!.id, "rerated"), thanks),
      ).toBe(false);
    }
    expect(await ratings.awaitingComment(client.id, 4242)).toEqual(await sqlite.awaitingComment(client.id, 4242));
    expect(await ratings.commentAwaitedInPrivate(client.id, at)).toEqual(
      await sqlite.commentAwaitedInPrivate(client.id, at),
    );
    const comment = { text: "Great work", at: at + 2000 };
    for (const repository of [sqlite, ratings]) {
      expect(await repository.comment(requested!.id, comment, record(requested!.id, "commented"), thanks)).toBe(true);
      expect(
        await repository.comment(requested!.id, { ...comment, text: "Again" }, record(requested!.id, "again"), thanks),
      ).toBe(false);
    }
    expect(await ratings.latest(chat.id)).toEqual(await sqlite.latest(chat.id));
    const stored = await ratingsInBoth();
    expect(stored.postgres).toEqual(stored.sqlite);
    const logged = await eventsAfter(twins, chat.id, before);
    expect(logged.postgres).toEqual(logged.sqlite);
    expect(logged.postgres).toHaveLength(3);
    const queued = await outboxAfter(twins, queuedBefore);
    expect(queued.postgres).toEqual(queued.sqlite);
    expect(queued.postgres).toHaveLength(3);
  });

  it("schedules the monthly ask as SQLite does", async () => {
    const sqlite = twins.repositories.ratings;
    for (const repository of [sqlite, ratings]) await repository.scheduleMonthly(chat.id, twins.scenario.now + 5 * DAY);
    expect(await ratings.activeChatsWithoutMonthly()).toEqual(await sqlite.activeChatsWithoutMonthly());
    const jobs = await jobsInBoth();
    expect(jobs.postgres).toEqual(jobs.sqlite);
  });
});

describe("PostgreSQL's ratings asked by two processes at once", () => {
  it("asks once in the chat: the second finds the first's request", async () => {
    const other = await openPostgres(twins.scratch.url);
    const sessions = [twins.session, new PostgresSession(other.orm)];
    try {
      const at = twins.scenario.now + 10 * DAY;
      const asked = await Promise.all(
        sessions.map((session, index) =>
          new PostgresRatingRepository(session, correspondenceOf(session), outboxOf(session)).request(
            { chatId: chat.id, userId: client.id, source: `race:${index}`, at, notBefore: at - DAY },
            (id) => ({
              chat: { telegramChatId: chat.telegramChatId, type: "supergroup" },
              kind: "rating",
              source: `test:race:${id}`,
              payload: { id },
            }),
            (id) => ({ to: { chatId: chat.id }, text: `Rate ${id}` }),
          ),
        ),
      );
      expect(asked.filter((rating) => rating !== undefined)).toHaveLength(1);
      const requested = await twins.postgres.orm
        .select()
        .from(postgresSchema.ratings)
        .where(gt(postgresSchema.ratings.requestedAt, at - DAY));
      expect(requested).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

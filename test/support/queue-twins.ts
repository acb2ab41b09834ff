import { afterEach, beforeEach } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { PostgresCorrespondenceRepository } from "../../src/db/postgres/correspondence-repository.js";
import { openPostgres, type PostgresDatabase } from "../../src/db/postgres/database.js";
import { PostgresJobRepository } from "../../src/db/postgres/job-repository.js";
import { PostgresOutboxRepository } from "../../src/db/postgres/outbox-repository.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import { PostgresSession } from "../../src/db/postgres/session.js";
import { createRepositories } from "../../src/db/repositories.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { freshPostgresDatabase, type ScratchPostgres } from "./postgres.js";

/** An active group (key 1) and one regbot was removed from (key 2), in both databases. */
export const ACTIVE_CHAT = 1;
export const LEFT_CHAT = 2;

const CHATS = [
  { id: ACTIVE_CHAT, telegramChatId: -1001, type: "supergroup", title: "Active", active: true, createdAt: 0 },
  { id: LEFT_CHAT, telegramChatId: -1002, type: "supergroup", title: "Left", active: false, createdAt: 0 },
];

const TELEGRAM_IDS = CHATS.map(({ id, telegramChatId }) => ({ chatId: id, telegramChatId }));

/** A clock a test moves by hand. */
export interface TestClock {
  (): number;
  set(at: number): void;
}

export function testClock(start = 0): TestClock {
  let now = start;
  const set = (at: number): void => {
    now = at;
  };
  return Object.assign(() => now, { set });
}

/** SQLite's repositories in memory, with the two chats. */
export function sqliteTwin() {
  const database = openDatabase(":memory:");
  database.orm.insert(sqliteSchema.chats).values(CHATS).run();
  database.orm.insert(sqliteSchema.chatTelegramIds).values(TELEGRAM_IDS).run();
  return { database, repositories: createRepositories(database.orm) };
}

/** PostgreSQL's job and outbox repositories on their own pool of `url`'s database. */
export async function postgresTwin(url: string, clock: TestClock, options: { leaseMs?: number } = {}) {
  const database: PostgresDatabase = await openPostgres(url);
  const session = new PostgresSession(database.orm);
  const chain = new PostgresCorrespondenceRepository(session);
  const outbox = new PostgresOutboxRepository(session, chain, { clock, ...options });
  const jobs = new PostgresJobRepository(session, outbox, { clock, ...options });
  return { database, session, chain, outbox, jobs, clock };
}

export async function addChats(database: PostgresDatabase): Promise<void> {
  await database.orm.insert(postgresSchema.chats).values(CHATS).onConflictDoNothing();
  await database.orm.insert(postgresSchema.chatTelegramIds).values(TELEGRAM_IDS).onConflictDoNothing();
}

/**
 * Rows with their ids replaced by their rank (and `editOf` by its row's rank): PostgreSQL's
 * identity skips the values that `ON CONFLICT` inserts drew, SQLite's rowid does not.
 */
export function ranked<Row extends { id: number }>(rows: readonly Row[], references: ReadonlyArray<keyof Row> = []) {
  const rank = new Map([...rows].sort((a, b) => a.id - b.id).map((row, index) => [row.id, index + 1]));
  return [...rows]
    .sort((a, b) => a.id - b.id)
    .map((row) => {
      const copy: Record<string, unknown> = { ...row, id: rank.get(row.id) };
      for (const key of references)
        if (typeof row[key] === "number") copy[key as string] = rank.get(row[key] as number) ?? `missing ${row[key]}`;
      delete copy.claimedUntil;
      return copy;
    });
}

/**
 * For a test file comparing the two queues: a fresh PostgreSQL database for each test, and
 * `postgres()` / `sqlite()` twins closed (and the database dropped) after it.
 */
export function queueTwinsForEachTest(leaseMs: number) {
  let scratch: ScratchPostgres;
  const closing: Array<() => Promise<void> | void> = [];
  beforeEach(async () => {
    scratch = await freshPostgresDatabase();
  });
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
    await scratch.drop();
  });
  return {
    async postgres(clock = testClock()) {
      const twin = await postgresTwin(scratch.url, clock, { leaseMs });
      closing.push(() => twin.database.close());
      await addChats(twin.database);
      return twin;
    },
    sqlite() {
      const twin = sqliteTwin();
      closing.push(() => twin.database.close());
      return twin;
    },
  };
}

import { readFileSync } from "node:fs";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { applyPostgresMigrations, openPostgres } from "../../src/db/postgres/database.js";
import { chats, events } from "../../src/db/postgres/schema.js";
import { freshPostgresDatabase, type ScratchPostgres } from "../support/postgres.js";

const committedMigrations = (
  JSON.parse(readFileSync("migrations-postgres/meta/_journal.json", "utf8")) as { entries: unknown[] }
).entries.length;

let scratch: ScratchPostgres;
let client: pg.Client;

beforeEach(async () => {
  scratch = await freshPostgresDatabase();
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
});

afterEach(async () => {
  await client.end();
  await scratch.drop();
});

async function appliedMigrations(): Promise<number> {
  const { rows } = await client.query<{ count: string }>("SELECT count(*) FROM drizzle.__drizzle_migrations");
  return Number(rows[0]!.count);
}

async function waitersOnAdvisoryLocks(): Promise<number> {
  const { rows } = await client.query<{ count: string }>(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
  );
  return Number(rows[0]!.count);
}

describe("PostgreSQL migrations", () => {
  it("two processes starting together wait for one lock and apply each migration once", async () => {
    // Hold the migrations' lock, so both starts are provably queued behind it before either runs.
    await client.query("SELECT pg_advisory_lock(hashtextextended('regbot:migrations', 0))");
    const starts = [applyPostgresMigrations(scratch.url), applyPostgresMigrations(scratch.url)];
    while ((await waitersOnAdvisoryLocks()) < 2) await new Promise((resolve) => setImmediate(resolve));
    const { rows } = await client.query("SELECT to_regclass('public.events') AS events");
    expect(rows[0].events).toBeNull();

    await client.query("SELECT pg_advisory_unlock(hashtextextended('regbot:migrations', 0))");
    await Promise.all(starts);
    expect(await appliedMigrations()).toBe(committedMigrations);

    await applyPostgresMigrations(scratch.url);
    expect(await appliedMigrations()).toBe(committedMigrations);
  });

  it("refuses to change, delete or truncate an event, as SQLite's triggers do", async () => {
    const database = await openPostgres(scratch.url);
    try {
      const [chat] = await database.orm
        .insert(chats)
        .values({ telegramChatId: -1001234567890, type: "supergroup", createdAt: 1_790_000_000_000 })
        .returning();
      await database.orm.insert(events).values({
        chatId: chat!.id,
        seq: 1,
        source: "update:1",
        kind: "message",
        prevHash: "0".repeat(64),
        hash: "a".repeat(64),
        line: "{}",
        receivedAt: 1_790_000_000_000,
      });
      const appendOnly = "events are append-only: record a correction as a new event";
      await expect(client.query("UPDATE events SET text = 'rewritten'")).rejects.toThrow(appendOnly);
      await expect(client.query("DELETE FROM events")).rejects.toThrow(appendOnly);
      await expect(client.query("TRUNCATE events")).rejects.toThrow(appendOnly);
      const { rows } = await client.query("SELECT seq, line FROM events");
      expect(rows).toEqual([{ seq: "1", line: "{}" }]);
    } finally {
      await database.close();
    }
  });

  it("keeps each destination's outbox head as SQLite's triggers do, through inserts, updates and deletes", async () => {
    await applyPostgresMigrations(scratch.url);
    const sqlite = openDatabase(":memory:");
    const message = (id: number, chat: string, user: string, state: string, next: number) =>
      `INSERT INTO outbox (id, chat_id, user_id, payload, state, next_attempt_at, created_at)
       VALUES (${id}, ${chat}, ${user}, '{}', '${state}', ${next}, 0)`;
    const steps = [
      "INSERT INTO chats (id, telegram_chat_id, type, created_at) VALUES (1, -100, 'supergroup', 0)",
      message(1, "1", "NULL", "pending", 100),
      message(2, "1", "NULL", "pending", 200),
      message(3, "NULL", "5", "pending", 300),
      message(4, "1", "NULL", "sent", 400),
      "UPDATE outbox SET state = 'sent' WHERE id = 1",
      "UPDATE outbox SET next_attempt_at = 50 WHERE id = 2",
      "UPDATE outbox SET chat_id = NULL, user_id = 5 WHERE id = 2",
      "DELETE FROM outbox WHERE id = 3",
      "UPDATE outbox SET state = 'pending' WHERE id = 1",
    ];
    const heads = "SELECT lane, outbox_id, next_attempt_at FROM outbox_heads ORDER BY lane";
    try {
      for (const step of steps) {
        sqlite.sqlite.exec(step);
        await client.query(step);
        const inPostgres = (await client.query(heads)).rows.map((row) => Object.values(row).map(Number));
        expect(inPostgres, step).toEqual(sqlite.sqlite.prepare(heads).raw().all());
      }
    } finally {
      sqlite.close();
    }
  });
});

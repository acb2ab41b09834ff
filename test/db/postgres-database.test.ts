import { readFileSync } from "node:fs";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
});

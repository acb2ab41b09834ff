import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { getTableColumns, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { User } from "grammy/types";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabaseReadOnly } from "../../src/db/database.js";
import { eventLeaf, merkleRoot } from "../../src/domain/merkle.js";
import { openPostgres } from "../../src/db/postgres/database.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { freshPostgresDatabase, type ScratchPostgres } from "../support/postgres.js";
import { botAdded, client, edit, group, message, specialist } from "../support/updates.js";

const run = promisify(execFile);

async function migrate(from: string, to: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      "dist/src/cli/migrate-to-postgres.js",
      "--from",
      from,
      "--to",
      to,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const zone = "Europe/Madrid";
const acme = group();
const beta = group(-1009876543210, "Beta × Sofía");
const sofia: User = { ...specialist, language_code: "en" };
let now = 0;
const setTime = (iso: string) => (now = DateTime.fromISO(iso, { zone }).toMillis());
let harness: Harness;
let target: ScratchPostgres;

/** What each test started, stopped after it in reverse order. */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two client chats with messages, an edit, a command and two daily checkpoints each. */
async function aDeploymentWithHistory(): Promise<void> {
  setTime("2026-12-01T09:00");
  harness = await startHarness({ DEFAULT_TIMEZONE: zone }, {}, { clock: () => now });
  harness.telegram.pushUpdates([acme, beta].map((chat) => botAdded(chat, sofia, "administrator")));
  await settled(harness);
  for (const day of ["2026-12-01", "2026-12-02"]) {
    setTime(`${day}T10:00`);
    const date = Math.floor(now / 1000);
    harness.telegram.pushUpdates(
      [acme, beta].flatMap((chat) => {
        const question = message(chat, client, "Когда будет отчёт?", { date });
        return [
          question,
          message(chat, sofia, "The report is due Friday.", { date: date + 60 }),
          edit(question, "Когда будет отчёт за ноябрь?", date + 120),
          message(chat, sofia, "/rules", { date, entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
        ];
      }),
    );
    await settled(harness);
    setTime(`${day}T17:00`);
    await harness.regbot.scheduler.tick();
    await settled(harness);
  }
}

/** What the command must say of each chat, worked out from the SQLite file on its own. */
function expectedChatLines(): string[] {
  const chats = harness.query<{ id: number; telegram_chat_id: number }>("select id, telegram_chat_id from chats");
  expect(chats).toHaveLength(2);
  return chats.map(({ id, telegram_chat_id }) => {
    const logged = harness.query<{ hash: string; kind: string }>(
      "select hash, kind from events where chat_id = ? order by seq",
      id,
    );
    const checkpoints = logged.filter((event) => event.kind === "checkpoint").length;
    expect(checkpoints).toBeGreaterThanOrEqual(2);
    const root = merkleRoot(logged.map((event) => eventLeaf(event.hash))).toString("hex");
    return `chat ${id} (Telegram ${telegram_chat_id}): ${logged.length} events, ${checkpoints} checkpoints, root ${root}: identical`;
  });
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Every row of every table, as drizzle reads it from each database, in a stable order. */
async function everyRow(databasePath: string, url: string) {
  const sqlite = openDatabaseReadOnly(databasePath);
  const postgres = await openPostgres(url);
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  try {
    const tables: Record<string, { sqlite: string[]; postgres: string[] }> = {};
    for (const [key, table] of Object.entries(sqliteSchema)) {
      if (!is(table, SQLiteTable)) continue;
      const twin = (postgresSchema as unknown as Record<string, PgTable>)[key]!;
      expect(is(twin, PgTable)).toBe(true);
      tables[key] = {
        sqlite: sorted(sqlite.orm.select(getTableColumns(table)).from(table).all()),
        postgres: sorted(await postgres.orm.select(getTableColumns(twin)).from(twin)),
      };
    }
    return tables;
  } finally {
    sqlite.close();
    await postgres.close();
  }
}

/** The id PostgreSQL gives the next chat: copied ids must not be handed out again. */
async function nextChatId(url: string): Promise<number> {
  const postgres = await openPostgres(url);
  try {
    const [chat] = await postgres.orm
      .insert(postgresSchema.chats)
      .values({ telegramChatId: -1005555555555, type: "supergroup", createdAt: now })
      .returning();
    return chat!.id;
  } finally {
    await postgres.close();
  }
}

describe("npm run migrate-to-postgres", () => {
  it("moves a stopped deployment verbatim, proves every chain and checkpoint, and leaves the SQLite file as it was", async () => {
    target = await freshPostgresDatabase();
    cleanups.push(() => target.drop());
    await aDeploymentWithHistory();
    cleanups.push(() => harness.stop());
    const refused = await migrate(harness.databasePath, target.url);
    expect(refused.stderr).toContain("another regbot process is already using");
    expect(refused.code).toBe(2);

    await harness.stopRegbot();
    const before = sha256(harness.databasePath);
    const moved = await migrate(harness.databasePath, target.url);
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
    for (const line of expectedChatLines()) expect(moved.stdout).toContain(line);
    expect(moved.stdout).toContain("the copy is identical");
    expect(sha256(harness.databasePath)).toBe(before);

    const tables = await everyRow(harness.databasePath, target.url);
    for (const [name, rows] of Object.entries(tables)) expect(rows.postgres, name).toEqual(rows.sqlite);
    expect(tables.events!.postgres.length).toBeGreaterThan(20);
    expect(tables.outbox!.postgres.length).toBeGreaterThan(0);
    expect(await nextChatId(target.url)).toBe(3);

    const again = await migrate(harness.databasePath, target.url);
    expect(again.stderr).toMatch(
      /the PostgreSQL database already holds rows \(in \w+\): move a deployment into an empty/,
    );
    expect(again.code).toBe(2);
  }, 60_000);

  it("explains its usage when the SQLite file is not there", async () => {
    const missing = await migrate("/nonexistent/regbot.sqlite", "postgres://postgres@127.0.0.1:5432/regbot");
    expect(missing.stderr).toContain("no SQLite database at /nonexistent/regbot.sqlite");
    expect(missing.stderr).toContain("usage: npm run migrate-to-postgres -- --from <SQLite file> --to <postgres://");
    expect(missing.code).toBe(2);
  });
});

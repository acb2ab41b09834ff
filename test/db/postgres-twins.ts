import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { expect } from "vitest";
import { connectionOf, type Database, openDatabase } from "../../src/db/database.js";
import type { ChainAppender } from "../../src/db/postgres/collaborators.js";
import { PostgresCorrespondenceRepository } from "../../src/db/postgres/correspondence-repository.js";
import { PostgresJobRepository } from "../../src/db/postgres/job-repository.js";
import { PostgresOutboxRepository } from "../../src/db/postgres/outbox-repository.js";
import { copyDeployment } from "../../src/db/postgres/deployment-copy.js";
import { openPostgres, type PostgresDatabase } from "../../src/db/postgres/database.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import { PostgresSession } from "../../src/db/postgres/session.js";
import { createRepositories, type SqliteRepositories } from "../../src/db/repositories.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { freshPostgresDatabase, type ScratchPostgres } from "../support/postgres.js";
import { ranked } from "../support/queue-twins.js";

/** The same history in an in-memory SQLite database and, copied, in a fresh PostgreSQL one. */
export interface Twins {
  sqlite: Database;
  repositories: SqliteRepositories;
  postgres: PostgresDatabase;
  session: PostgresSession;
  url: string;
  close(): Promise<void>;
}

/** Writes `history` into SQLite through its repositories, then moves it into PostgreSQL as a deployment moves. */
export async function twins(
  history: (repositories: SqliteRepositories, sqlite: Database) => Promise<void>,
): Promise<Twins> {
  const sqlite = openDatabase(":memory:");
  const repositories = createRepositories(sqlite.orm);
  await history(repositories, sqlite);
  let scratch: ScratchPostgres | undefined;
  let postgres: PostgresDatabase | undefined;
  try {
    scratch = await freshPostgresDatabase();
    postgres = await openPostgres(scratch.url);
    await copyDeployment(connectionOf(sqlite.orm), postgres.orm);
  } catch (error) {
    await postgres?.close();
    await scratch?.drop();
    sqlite.close();
    throw error;
  }
  const opened = postgres;
  const dropped = scratch;
  return {
    sqlite,
    repositories,
    postgres: opened,
    session: new PostgresSession(opened.orm),
    url: dropped.url,
    async close() {
      sqlite.close();
      await opened.close();
      await dropped.drop();
    },
  };
}

/** Each table of both schemas, by its name in the database. */
function tablesNamed<T extends object>(schema: object, isTable: (value: unknown) => value is T): Map<string, T> {
  return new Map(
    Object.values(schema)
      .filter(isTable)
      .map((table) => [getTableName(table as never), table]),
  );
}

const sqliteTables = tablesNamed(sqliteSchema, (value): value is SQLiteTable => is(value, SQLiteTable));
const postgresTables = tablesNamed(postgresSchema, (value): value is PgTable => is(value, PgTable));

/** Every row of a table on both sides, in one order (by their values), to compare whole. */
export async function rowsOfBoth(
  twin: Pick<Twins, "sqlite" | "session">,
  name: string,
): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  const sqliteTable = sqliteTables.get(name);
  const postgresTable = postgresTables.get(name);
  if (sqliteTable === undefined || postgresTable === undefined) throw new Error(`no table ${name} in both schemas`);
  const sqliteRows: unknown[] = twin.sqlite.orm.select().from(sqliteTable).all();
  const postgresRows: unknown[] = await twin.session.queries.select().from(postgresTable);
  return { sqlite: inOneOrder(sqliteRows), postgres: inOneOrder(postgresRows) };
}

function inOneOrder(rows: unknown[]): unknown[] {
  return rows
    .map(
      (row) =>
        [
          JSON.stringify(Object.entries(row as object).sort(([one], [other]) => one.localeCompare(other))),
          row,
        ] as const,
    )
    .sort(([one], [other]) => (one < other ? -1 : one > other ? 1 : 0))
    .map(([, row]) => row);
}

/** Another process on the same PostgreSQL database: its own pool and session. */
export async function anotherProcess(
  twin: Pick<Twins, "url">,
): Promise<{ session: PostgresSession; close(): Promise<void> }> {
  const postgres = await openPostgres(twin.url);
  return { session: new PostgresSession(postgres.orm), close: () => postgres.close() };
}

/** What PostgreSQL's repositories write beside their own change: the chain, the outbox and the jobs. */
export interface Writers {
  chain: ChainAppender;
  outbox: PostgresOutboxRepository;
  jobs: PostgresJobRepository;
}

/** PostgreSQL's correspondence, outbox and jobs over `session`. */
export function writersOf(session: PostgresSession): Writers {
  const clock = () => 0;
  const chain = new PostgresCorrespondenceRepository(session);
  const outbox = new PostgresOutboxRepository(session, chain, { clock });
  return { chain, outbox, jobs: new PostgresJobRepository(session, outbox) };
}

/** The log (events, Merkle frontiers, people seen), the outbox and the jobs alike in both databases (ids by rank: PostgreSQL's skip what a conflict drew). */
export async function expectSameLog(twin: Pick<Twins, "sqlite" | "session">): Promise<void> {
  for (const table of ["events", "chain_frontiers", "people"]) {
    const rows = await rowsOfBoth(twin, table);
    expect(rows.postgres, table).toEqual(rows.sqlite);
  }
  for (const table of ["outbox", "jobs"]) {
    const rows = await rowsOfBoth(twin, table);
    const byRank = (found: unknown[]) =>
      ranked(found as Array<{ id: number; editOf?: unknown }>, table === "outbox" ? ["editOf"] : []);
    expect(byRank(rows.postgres), table).toEqual(byRank(rows.sqlite));
  }
}

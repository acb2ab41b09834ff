import { count, getTableColumns, getTableName, is, sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import type BetterSqlite3 from "better-sqlite3";
import * as sqliteSchema from "../schema.js";
import type { PostgresOrm } from "./database.js";
import * as postgresSchema from "./schema.js";

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH_ROWS = 500;

interface TwinTables {
  name: string;
  sqlite: SQLiteTable;
  postgres: PgTable;
}

/** Both schemas' tables, each after the tables it references. */
const TABLES: TwinTables[] = referencedFirst(
  (Object.entries(sqliteSchema) as Array<[string, unknown]>)
    .filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable))
    .map(([key, table]) => ({
      name: getTableName(table),
      sqlite: table,
      postgres: (postgresSchema as unknown as Record<string, PgTable>)[key]!,
    })),
);

function referencedFirst(tables: TwinTables[]): TwinTables[] {
  const references = new Map(
    tables.map((table) => [
      table.name,
      getTableConfig(table.postgres).foreignKeys.map((key) => getTableName(key.reference().foreignTable)),
    ]),
  );
  const ordered: TwinTables[] = [];
  while (ordered.length < tables.length) {
    const placed = new Set(ordered.map((table) => table.name));
    const ready = tables.filter(
      (table) => !placed.has(table.name) && references.get(table.name)!.every((name) => placed.has(name)),
    );
    if (ready.length === 0) throw new Error("the schema's foreign keys form a cycle");
    ordered.push(...ready);
  }
  return ordered;
}

class TargetNotEmptyError extends Error {
  constructor(table: string) {
    super(`the PostgreSQL database already holds rows (in ${table}): move a deployment into an empty database`);
    this.name = "TargetNotEmptyError";
  }
}

/**
 * Copies every row of every table from SQLite into an empty, migrated PostgreSQL database, in one
 * PostgreSQL transaction (a failure leaves it empty), and returns the rows copied per table. Each
 * value goes through the SQLite column's own mapping (0/1 becomes a boolean), nothing else.
 */
export async function copyDeployment(
  source: BetterSqlite3.Database,
  target: PostgresOrm,
): Promise<Map<string, number>> {
  return target.transaction(async (tx) => {
    for (const table of TABLES) {
      const [row] = await tx.select({ rows: count() }).from(table.postgres);
      if (row!.rows > 0) throw new TargetNotEmptyError(table.name);
    }
    const copied = new Map<string, number>();
    for (const table of TABLES) {
      if (table.postgres === postgresSchema.outboxHeads) continue;
      copied.set(table.name, await copyTable(source, tx, table));
      await continueIdentities(tx, table.postgres);
    }
    copied.set(getTableName(postgresSchema.outboxHeads), await rebuildOutboxHeads(source, tx));
    return copied;
  });
}

/** Rows per table in the PostgreSQL database, by table name. */
export async function countRows(orm: PostgresOrm): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of TABLES) {
    const [row] = await orm.select({ rows: count() }).from(table.postgres);
    counts.set(table.name, row!.rows);
  }
  return counts;
}

async function copyTable(source: BetterSqlite3.Database, target: PostgresOrm, table: TwinTables): Promise<number> {
  const columns = Object.entries(getTableColumns(table.sqlite));
  const rows = source.prepare(`SELECT * FROM "${table.name}"`).iterate() as IterableIterator<Record<string, unknown>>;
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length > 0) await target.insert(table.postgres).values(batch);
    copied += batch.length;
    batch = [];
  };
  for (const stored of rows) {
    batch.push(
      Object.fromEntries(
        columns.map(([key, column]) => {
          const value = stored[column.name];
          return [key, value === null ? null : column.mapFromDriverValue(value)];
        }),
      ),
    );
    if (batch.length === BATCH_ROWS) await flush();
  }
  await flush();
  return copied;
}

/**
 * `outbox_heads` is kept by triggers on `outbox`, which filled it as the outbox rows arrived: it is
 * built again from the copied outbox as its migration first built it, whatever order rows came in.
 * Returns how many rows SQLite's own has, for the comparison of counts.
 */
async function rebuildOutboxHeads(source: BetterSqlite3.Database, target: PostgresOrm): Promise<number> {
  await target.delete(postgresSchema.outboxHeads);
  await target.execute(sql`
    INSERT INTO outbox_heads (lane, outbox_id, next_attempt_at)
      SELECT coalesce(chat_id, -user_id, 0), id, next_attempt_at FROM outbox
      WHERE id IN (SELECT min(id) FROM outbox WHERE state = 'pending' GROUP BY coalesce(chat_id, -user_id, 0))`);
  return source.prepare<[], number>("SELECT count(*) FROM outbox_heads").pluck().get()!;
}

/** Copied rows keep their ids, so each identity column must go on from the largest. */
async function continueIdentities(target: PostgresOrm, table: PgTable): Promise<void> {
  for (const column of Object.values(getTableColumns(table))) {
    if (column.generatedIdentity === undefined) continue;
    await target.execute(
      sql`SELECT setval(pg_get_serial_sequence(${getTableName(table)}, ${column.name}), max(${column})) FROM ${table}`,
    );
  }
}

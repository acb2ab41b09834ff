import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as postgres from "../../src/db/postgres/schema.js";
import * as sqlite from "../../src/db/schema.js";

type TableConfig = ReturnType<typeof pgTableConfig> | ReturnType<typeof sqliteTableConfig>;

/** What both databases must agree on for a row to move between them unchanged. */
function shape(config: TableConfig) {
  return {
    name: config.name,
    columns: config.columns.map((column) => ({
      name: column.name,
      notNull: column.notNull,
      primary: column.primary,
      isUnique: column.isUnique,
      default: column.default,
      enumValues: column.enumValues,
    })),
    primaryKeys: config.primaryKeys.map((key) => key.columns.map((column) => column.name)),
    indexes: config.indexes.map(({ config: index }) => ({
      name: index.name,
      unique: index.unique,
      on: index.columns.map((column) => ("name" in column ? column.name : String(column))),
      partial: index.where !== undefined,
    })),
    foreignKeys: config.foreignKeys.map((key) => {
      const reference = key.reference();
      return [reference.columns.map((column) => column.name), reference.foreignColumns.map((column) => column.name)];
    }),
  };
}

describe("the PostgreSQL schema", () => {
  const sqliteTables = Object.entries(sqlite).filter(([, value]) => value instanceof SQLiteTable);
  const postgresTables = Object.entries(postgres).filter(([, value]) => value instanceof PgTable);

  it("has every SQLite table, under the same export name", () => {
    expect(
      postgresTables.map(([name]) => name),
      "add the table to src/db/postgres/schema.ts too",
    ).toEqual(sqliteTables.map(([name]) => name));
  });

  it.each(sqliteTables)("mirrors %s column for column, key for key, index for index", (name, table) => {
    const twin = (postgres as Record<string, unknown>)[name] as PgTable;
    expect(
      shape(pgTableConfig(twin)),
      "change src/db/postgres/schema.ts as src/db/schema.ts, then npm run db:generate:postgres",
    ).toEqual(shape(sqliteTableConfig(table as SQLiteTable)));
  });
});

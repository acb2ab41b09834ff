import type BetterSqlite3 from "better-sqlite3";
import { Param, Placeholder, type Query } from "drizzle-orm";
import { connectionOf, type Orm } from "./database.js";

/** A value SQLite stores as given, with nothing for drizzle to convert. */
export type StoredValue = string | number | null;

/**
 * A statement built with drizzle but run straight on the connection, bound by placeholder name.
 * At ingest rates drizzle's own filling of placeholders costs a good part of what the insert
 * itself does, so the hottest statements skip it and take values exactly as stored.
 */
export function directStatement(
  orm: Orm,
  query: { toSQL(): Query },
): (values: Readonly<Record<string, StoredValue>>) => BetterSqlite3.RunResult {
  const { sql, params } = query.toSQL();
  // What drizzle filled in itself (column defaults) stays; each placeholder's slot takes its value.
  const constants = params.map((param) =>
    placeholderName(param) !== undefined
      ? undefined
      : param instanceof Param
        ? param.encoder.mapToDriverValue(param.value)
        : param,
  );
  const slots = params.flatMap((param, index) => {
    const name = placeholderName(param);
    return name === undefined ? [] : [{ index, name }];
  });
  const statement = connectionOf(orm).prepare(sql);
  return (values) => {
    const bound = [...constants];
    for (const { index, name } of slots) bound[index] = values[name];
    return statement.run(...bound);
  };
}

function placeholderName(param: unknown): string | undefined {
  const placeholder = param instanceof Param ? param.value : param;
  return placeholder instanceof Placeholder ? placeholder.name : undefined;
}

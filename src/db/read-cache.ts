import type BetterSqlite3 from "better-sqlite3";
import { connectionOf, type Orm } from "./database.js";

/**
 * How many rows the connection has changed since it opened (SQLite's `total_changes()`): any
 * write by any code moves it, even one in a transaction later rolled back. One process owns the
 * database, so no other connection writes it; an unchanged count means nothing was written.
 */
export function changeCounter(orm: Orm): () => number {
  const totalChanges = connectionOf(orm).prepare<[], number>("select total_changes()").pluck();
  return () => totalChanges.get()!;
}

/**
 * Answers to reads that nearly every message needs, remembered until anything is written on
 * the connection, so no write path can leave a stale answer behind. Reads inside a
 * transaction may see uncommitted rows and are never remembered.
 */
export class ReadCache<Key, Value> {
  private readonly connection: BetterSqlite3.Database;
  private readonly changes: () => number;
  private readonly values = new Map<Key, Value>();
  private seenAtChanges = -1;

  constructor(
    orm: Orm,
    private readonly read: (key: Key) => Value,
  ) {
    this.connection = connectionOf(orm);
    this.changes = changeCounter(orm);
  }

  get(key: Key): Value {
    if (this.connection.inTransaction) return this.read(key);
    const changes = this.changes();
    if (changes !== this.seenAtChanges) {
      this.values.clear();
      this.seenAtChanges = changes;
    }
    if (!this.values.has(key)) this.values.set(key, this.read(key));
    return this.values.get(key) as Value;
  }
}

import type BetterSqlite3 from "better-sqlite3";
import type { Orm } from "./database.js";

/**
 * Answers to reads that nearly every message needs, remembered until anything is written on
 * the connection. SQLite counts every row any statement changes (`total_changes()`, whichever
 * repository wrote it, even in a transaction later rolled back), so no write path can leave a
 * stale answer behind; one process owns the database, so no other connection writes it. Reads
 * inside a transaction may see uncommitted rows and are never remembered.
 */
export class ReadCache<Key, Value> {
  private readonly connection: BetterSqlite3.Database;
  private readonly totalChanges: BetterSqlite3.Statement<[], number>;
  private readonly values = new Map<Key, Value>();
  private seenAtChanges = -1;

  constructor(
    orm: Orm,
    private readonly read: (key: Key) => Value,
  ) {
    // drizzle keeps the better-sqlite3 connection beneath it as `$client`.
    this.connection = (orm as Orm & { $client: BetterSqlite3.Database }).$client;
    this.totalChanges = this.connection.prepare<[], number>("select total_changes()").pluck();
  }

  get(key: Key): Value {
    if (this.connection.inTransaction) return this.read(key);
    const changes = this.totalChanges.get()!;
    if (changes !== this.seenAtChanges) {
      this.values.clear();
      this.seenAtChanges = changes;
    }
    if (!this.values.has(key)) this.values.set(key, this.read(key));
    return this.values.get(key) as Value;
  }
}

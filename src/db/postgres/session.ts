import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresOrm } from "./database.js";
import type * as schema from "./schema.js";

/** What a repository queries through: the pool, or the transaction it was handed. */
export type PostgresQueries = PgDatabase<NodePgQueryResultHKT, typeof schema>;

/**
 * The connection PostgreSQL's repositories query through. Work run in a transaction finds it
 * through `AsyncLocalStorage`, not an argument, so a repository's methods keep SQLite's
 * signatures while several pieces of work (updates of different chats, the scheduler, the
 * outbox) share one pool.
 */
export class PostgresSession {
  private readonly current = new AsyncLocalStorage<PostgresQueries>();

  constructor(private readonly orm: PostgresOrm) {}

  /** The transaction the current work runs in, or else the pool (each query on its own). */
  get queries(): PostgresQueries {
    return this.current.getStore() ?? this.orm;
  }

  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Work in one transaction: a new one, or inside the current one as a savepoint, so a failure
   * undoes only this work (as better-sqlite3's nested transactions do on SQLite).
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.queries.transaction((tx) => this.current.run(tx, work));
  }

  /** Work in one read-only REPEATABLE READ transaction: every read describes one moment while writers go on. */
  async inReadSnapshot<T>(work: () => Promise<T>): Promise<T> {
    return this.orm.transaction((tx) => this.current.run(tx, work), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
  }

  /**
   * Waits until no other transaction (of any process) holds `key`, then holds it until the
   * current transaction ends: e.g. `regbot:chat:<id>` before reading a chain head to append.
   */
  async lockUntilCommit(key: string): Promise<void> {
    if (!this.inTransaction) throw new Error(`the lock on ${key} needs a transaction to end with`);
    await this.queries.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }
}

import { AsyncLocalStorage } from "node:async_hooks";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresOrm } from "./database.js";
import type * as schema from "./schema.js";

/** What a reader queries through: the pool, or the transaction it was handed. */
export type PostgresQueries = PgDatabase<NodePgQueryResultHKT, typeof schema>;

/**
 * The connection PostgreSQL's readers (and, later, its repositories: docs/postgres.md, 1) query
 * through. Work run in a transaction finds it through `AsyncLocalStorage`, not an argument, so a
 * reader's methods keep SQLite's signatures while several pieces of work share one pool.
 */
export class PostgresSession {
  private readonly transaction = new AsyncLocalStorage<PostgresQueries>();

  constructor(private readonly orm: PostgresOrm) {}

  /** The transaction the current work runs in, or else the pool (each query on its own). */
  get queries(): PostgresQueries {
    return this.transaction.getStore() ?? this.orm;
  }

  /** Work in one read-only REPEATABLE READ transaction: every read describes one moment while writers go on. */
  async inReadSnapshot<T>(work: () => Promise<T>): Promise<T> {
    return this.orm.transaction((tx) => this.transaction.run(tx, work), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
  }
}

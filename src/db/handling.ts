/**
 * How the handling of an update meets the database's transactions, whichever database is behind
 * it. SQLite's `HandlingTransaction` shares one transaction among the handlings of a batch;
 * PostgreSQL's `PostgresHandling` holds none (each repository call commits on its own).
 */
export interface Handling {
  /** Runs the handling of one update; `committed` runs once its writes are committed, never if the commit fails. */
  around<T>(work: () => Promise<T>, committed?: () => void): Promise<T>;
  /** A call that leaves the process (to Telegram): whatever the handling wrote so far is committed first. */
  outside<T>(call: () => Promise<T>): Promise<T>;
  /** The batch is done: its handlings are committed (throws if the commit fails). */
  release(): void;
  /** Resolves once no handling's writes wait to be committed, so the caller's commit is its own. */
  idle(): Promise<void>;
}

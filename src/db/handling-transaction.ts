import type BetterSqlite3 from "better-sqlite3";
import { connectionOf, type Orm } from "./database.js";

/**
 * One transaction for everything the handling of one update writes, committed without waiting
 * for its own fsync.
 *
 * Why that keeps every guarantee: the update itself is already durable in the inbox (stored
 * with `synchronous = FULL` before Telegram was told it arrived) and handling it again changes
 * nothing, so losing the handling's writes to a power cut only means handling it again. The WAL
 * is one file written in order, so the next durable commit (the next batch's ingest, an outbox
 * message marked as sending) makes these writes durable too: nothing leaves the process before
 * what led to it is on disk, and the handled mark is never durable without the writes it marks.
 *
 * The transaction is never held across a call to Telegram (`outside` commits before it and
 * begins again after), so other work on the connection meanwhile (the outbox sender, the
 * scheduler, a webhook's ingest) writes and commits as it always did. The writes that must be
 * durable on their own wait with `idle` in case a handler ever awaits something else.
 */
export class HandlingTransaction {
  private readonly connection: BetterSqlite3.Database;
  /** An update is being handled (its transaction may be suspended for a call to Telegram). */
  private handling = false;
  /** Calls to Telegram under way that suspended the transaction. */
  private suspended = 0;
  private open = false;
  /**
   * Counts handlings that may have rolled part of their writes back (one threw, so a savepoint
   * inside may have been undone, or the commit failed): the read caches forget what they read then.
   */
  discards = 0;
  private waiting: Array<() => void> = [];
  /** Updates are handled one after another (grammY's polling loop, the webhook's queue); this keeps it so. */
  private previous: Promise<unknown> = Promise.resolve();

  constructor(connection: BetterSqlite3.Database) {
    this.connection = connection;
  }

  /**
   * Runs the handling of one update (or other work done again when lost, such as scheduling at
   * start what is missing) in one transaction; what it wrote is committed even when it throws, as before.
   */
  async around<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.previous.then(() => this.handle(work));
    this.previous = turn.catch(() => undefined);
    return turn;
  }

  private async handle<T>(work: () => Promise<T>): Promise<T> {
    await this.idle();
    this.handling = true;
    this.begin();
    try {
      return await work();
    } catch (error) {
      this.discards += 1;
      throw error;
    } finally {
      this.handling = false;
      this.commit();
    }
  }

  /** A call that leaves the process: whatever the handling wrote so far is committed first. */
  async outside<T>(call: () => Promise<T>): Promise<T> {
    if (!this.handling) return call();
    this.commit();
    this.suspended += 1;
    try {
      return await call();
    } finally {
      this.suspended -= 1;
      if (this.handling && this.suspended === 0 && !this.open) this.begin();
    }
  }

  /** Reads made now are committed with the handling, never rolled back (see `discards`), so caches may keep them. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Resolves once no handling transaction is open, so the caller's commit is its own. */
  async idle(): Promise<void> {
    while (this.open) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private begin(): void {
    // The safety level cannot change inside a transaction, so it is lowered just before.
    this.connection.pragma("synchronous = NORMAL");
    this.connection.exec("BEGIN");
    this.open = true;
  }

  private commit(): void {
    if (!this.open) return;
    this.open = false;
    try {
      if (this.connection.inTransaction) this.connection.exec("COMMIT");
    } catch (error) {
      this.discards += 1;
      if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
      throw error;
    } finally {
      this.connection.pragma("synchronous = FULL");
      const waiting = this.waiting;
      this.waiting = [];
      for (const resolve of waiting) resolve();
    }
  }
}

const transactions = new WeakMap<BetterSqlite3.Database, HandlingTransaction>();

/** The connection's one handling transaction, shared by the gate and every repository over it. */
export function handlingTransactionOf(orm: Orm): HandlingTransaction {
  const connection = connectionOf(orm);
  let transaction = transactions.get(connection);
  if (transaction === undefined) {
    transaction = new HandlingTransaction(connection);
    transactions.set(connection, transaction);
  }
  return transaction;
}

import type BetterSqlite3 from "better-sqlite3";
import { connectionOf, type Orm } from "./database.js";

/** Bounds a transaction's size when many updates wait at once (a restart's backlog). */
const HANDLINGS_PER_COMMIT = 100;

/**
 * One transaction for everything the handling of a batch of updates writes, committed without
 * waiting for its own fsync.
 *
 * Why that keeps every guarantee: the updates themselves are already durable in the inbox
 * (stored with `synchronous = FULL` before Telegram was told they arrived) and handling one again
 * changes nothing, so losing the handling's writes to a power cut only means handling them again.
 * The WAL is one file written in order, so the next durable commit (the next batch's ingest, an
 * outbox message marked as sending) makes these writes durable too: nothing leaves the process
 * before what led to it is on disk, and a handled mark is never durable without the writes it
 * marks (an update counts as handled only once its writes are committed, see `around`).
 *
 * The handlings of one batch share the transaction (committing each alone was about a seventh of
 * a conversation's CPU time): the inbox `release`s it when the batch is done, and it is committed
 * after at most `HANDLINGS_PER_COMMIT` handlings and before the event loop moves on in any case.
 * It is never held across a call to Telegram (`outside` commits before it and begins again
 * after), so other work on the connection meanwhile (the outbox sender, the scheduler, a
 * webhook's ingest) writes and commits as it always did; the writes that must be durable on
 * their own call `idle` first, which commits a transaction no handling is using.
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
  /** Handlings in the open transaction, and what each runs once its writes are committed. */
  private handlings = 0;
  private afterCommit: Array<() => void> = [];
  private releaseQueued = false;
  /** Updates are handled one after another (grammY's polling loop, the webhook's queue); this keeps it so. */
  private previous: Promise<unknown> = Promise.resolve();

  constructor(connection: BetterSqlite3.Database) {
    this.connection = connection;
  }

  /**
   * Runs the handling of one update (or other work done again when lost, such as scheduling at
   * start what is missing) in the batch's transaction; what it wrote is committed even when it
   * throws, as before. `committed` runs once its writes are committed, never if the commit fails.
   */
  async around<T>(work: () => Promise<T>, committed: () => void = () => undefined): Promise<T> {
    const turn = this.previous.then(() => this.handle(work, committed));
    this.previous = turn.catch(() => undefined);
    return turn;
  }

  private async handle<T>(work: () => Promise<T>, committed: () => void): Promise<T> {
    if (!this.open) this.begin();
    this.handling = true;
    try {
      const result = await work();
      this.afterCommit.push(committed);
      return result;
    } catch (error) {
      this.discards += 1;
      throw error;
    } finally {
      this.handling = false;
      this.handlings += 1;
      if (this.waiting.length > 0 || this.handlings >= HANDLINGS_PER_COMMIT) this.commit();
      else this.releaseSoon();
    }
  }

  /** The batch is done: its handlings are committed together (throws if the commit fails; none of them counts as handled). */
  release(): void {
    if (!this.handling) this.commit();
  }

  /** A transaction never outlives the task that handled: whatever runs next commits on its own. */
  private releaseSoon(): void {
    if (this.releaseQueued) return;
    this.releaseQueued = true;
    setImmediate(() => {
      this.releaseQueued = false;
      if (this.open && !this.handling) this.commit();
    });
  }

  /** A call that leaves the process: whatever the handling wrote so far is committed first. */
  async outside<T>(call: () => Promise<T>): Promise<T> {
    this.commit();
    if (!this.handling) return call();
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
    this.release();
    while (this.open) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private begin(): void {
    // The safety level cannot change inside a transaction, so it is lowered just before.
    this.connection.pragma("synchronous = NORMAL");
    this.connection.exec("BEGIN");
    this.open = true;
  }

  private commit(): void {
    const committed = this.afterCommit;
    this.afterCommit = [];
    this.handlings = 0;
    // A handling may end while a call to Telegram it did not wait for holds the transaction closed: its writes are committed.
    if (!this.open) {
      for (const handled of committed) handled();
      return;
    }
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
    for (const handled of committed) handled();
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

import type BetterSqlite3 from "better-sqlite3";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { connectionOf, type Orm } from "./database.js";
import { handlingTransactionOf, type HandlingTransaction } from "./handling-transaction.js";

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
 * What one connection's read caches must know of its writes. Every write counts against every
 * cache, except a write that reports the tables it changed (the inbox's ingest, hundreds of
 * rows a batch): it counts only against the caches that read one of those tables.
 */
class WriteLedger {
  readonly changes: () => number;
  /** A reported write is under way. */
  reporting = false;
  private readonly handling: HandlingTransaction;
  /** Rows changed by reported writes: every cache leaves them to the tables' own counts. */
  private reportedChanges = 0;
  private readonly writesByTable = new Map<SQLiteTable, number>();

  constructor(orm: Orm) {
    this.changes = changeCounter(orm);
    this.handling = handlingTransactionOf(orm);
  }

  /**
   * Whether what is read now may be remembered: outside any transaction, or inside an update's
   * handling transaction, which is always committed (a handling that may have undone part of its
   * writes moves every version, see `discards`). Inside any other transaction a rollback could
   * undo what was read.
   */
  remembersReads(connection: BetterSqlite3.Database): boolean {
    return !connection.inTransaction || this.handling.isOpen;
  }

  report(changes: number, tables: readonly SQLiteTable[]): void {
    this.reportedChanges += changes;
    for (const table of tables) this.writesByTable.set(table, (this.writesByTable.get(table) ?? 0) + 1);
  }

  /** Moves whenever anything a cache over `tables` may have read could have changed (both terms only grow). */
  versionFor(tables: readonly SQLiteTable[]): number {
    let version = this.changes() - this.reportedChanges + this.handling.discards;
    for (const table of tables) version += this.writesByTable.get(table) ?? 0;
    return version;
  }
}

const ledgers = new WeakMap<BetterSqlite3.Database, WriteLedger>();

function ledgerOf(orm: Orm): WriteLedger {
  const connection = connectionOf(orm);
  let ledger = ledgers.get(connection);
  if (ledger === undefined) {
    ledger = new WriteLedger(orm);
    ledgers.set(connection, ledger);
  }
  return ledger;
}

/**
 * Runs a write and reports the tables it changed (named from its result), so the caches over
 * other tables keep their answers. A write that throws is not reported: it counts against every cache.
 */
export function reportWrite<T>(orm: Orm, write: () => T, tablesChanged: (result: T) => readonly SQLiteTable[]): T {
  const ledger = ledgerOf(orm);
  // Inside another reported write, its rows are counted once, by the outer one; its tables still count.
  const nested = ledger.reporting;
  const before = ledger.changes();
  ledger.reporting = true;
  let result: T;
  try {
    result = write();
  } finally {
    ledger.reporting = nested;
  }
  ledger.report(nested ? 0 : ledger.changes() - before, tablesChanged(result));
  return result;
}

/**
 * Answers to reads that nearly every message needs, remembered until anything is written on
 * the connection that may change them: any write, unless it reported its tables (then only
 * those it names among `tables`, the tables the read reads). Reads inside a transaction may
 * see uncommitted rows and are remembered only in an update's handling transaction.
 */
export class ReadCache<Key, Value> {
  private readonly connection: BetterSqlite3.Database;
  private readonly ledger: WriteLedger;
  private readonly values = new Map<Key, Value>();
  private seenAtVersion = -1;

  constructor(
    orm: Orm,
    private readonly tables: readonly SQLiteTable[],
    private readonly read: (key: Key) => Value,
  ) {
    this.connection = connectionOf(orm);
    this.ledger = ledgerOf(orm);
  }

  get(key: Key): Value {
    if (!this.ledger.remembersReads(this.connection)) return this.read(key);
    const version = this.ledger.versionFor(this.tables);
    if (version !== this.seenAtVersion) {
      this.values.clear();
      this.seenAtVersion = version;
    }
    if (!this.values.has(key)) this.values.set(key, this.read(key));
    return this.values.get(key) as Value;
  }
}

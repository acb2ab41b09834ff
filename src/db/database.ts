import { closeSync, mkdirSync, openSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { sql } from "drizzle-orm";
import { findProjectFolder } from "../project-files.js";
import * as schema from "./schema.js";

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Database {
  orm: Orm;
  /** The raw connection, for maintenance and tests; application code goes through repositories. */
  sqlite: BetterSqlite3.Database;
  /** Resolves when the database answers a trivial query (for /healthz). */
  ping(): Promise<boolean>;
  close(): void;
}

export class DatabaseLockedError extends Error {
  constructor(path: string) {
    super(`another regbot process is already using ${path}; stop it first (one process owns a database)`);
    this.name = "DatabaseLockedError";
  }
}

/**
 * Opens (creating if needed) the SQLite database, takes the one-process lock and applies the
 * committed migrations. Durability: WAL with synchronous=FULL, so a commit survives power loss.
 */
export function openDatabase(path: string): Database {
  const inMemory = path === ":memory:";
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const file = inMemory ? path : realFile(path);
  const releaseLock = inMemory ? () => undefined : acquireProcessLock(`${file}.lock`, path);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Statement journals stay in memory: past 64 KiB SQLite moves one to a temporary file, and every
  // statement after it in the transaction journals its pages there by system calls (a tick's batch).
  sqlite.pragma("temp_store = MEMORY");
  const orm = drizzle(sqlite, { schema });
  migrate(orm, { migrationsFolder: findProjectFolder("migrations", "meta/_journal.json") });
  return {
    orm,
    sqlite,
    ping: async () => orm.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1,
    close() {
      sqlite.close();
      releaseLock();
    },
  };
}

/** The better-sqlite3 connection beneath an Orm (drizzle keeps it as `$client`). */
export function connectionOf(orm: Orm): BetterSqlite3.Database {
  return (orm as Orm & { $client: BetterSqlite3.Database }).$client;
}

/** For tools that only read (verification, export) while the bot keeps running. */
export function openDatabaseReadOnly(path: string): Database {
  const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  const orm = drizzle(sqlite, { schema });
  return {
    orm,
    sqlite,
    ping: async () => orm.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1,
    close: () => sqlite.close(),
  };
}

/** Work over a read-only connection of its own in one read transaction: everything it reads describes the same moment. */
export async function inReadSnapshot<T>(path: string, work: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabaseReadOnly(path);
  database.sqlite.exec("BEGIN");
  try {
    return await work(database);
  } finally {
    database.sqlite.exec("ROLLBACK");
    database.close();
  }
}

/**
 * `inReadSnapshot` while holding the one-process lock, for moving a deployment: regbot can neither
 * be running (DatabaseLockedError) nor start and write what the move would leave behind.
 */
export async function inSnapshotWhileStopped<T>(path: string, work: (database: Database) => Promise<T>): Promise<T> {
  const releaseLock = acquireProcessLock(`${realFile(path)}.lock`, path);
  try {
    return await inReadSnapshot(path, work);
  } finally {
    releaseLock();
  }
}

/** The file a path names once every symlink is followed, so the lock is one per file, not per spelling. */
function realFile(path: string): string {
  // Created first (an empty file is an empty database), so a link to a file not made yet resolves too.
  closeSync(openSync(path, "a"));
  return realpathSync(path);
}

/**
 * SQLite's own file lock on a sidecar file: held while the process lives, released by the OS
 * when it dies, so a crash never leaves a stale lock. The main file stays readable (verify).
 */
function acquireProcessLock(lockPath: string, databasePath: string): () => void {
  const lock = new BetterSqlite3(lockPath, { timeout: 0 });
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.exec("BEGIN EXCLUSIVE; COMMIT;");
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") throw new DatabaseLockedError(databasePath);
    throw error;
  }
  return () => lock.close();
}

import { inReadSnapshot } from "./database.js";
import { ExportRepository } from "./export-repository.js";
import type { ExportReader } from "./export-reader.js";
import { inPostgresSnapshot } from "./postgres/export-reader.js";

/**
 * The database an export reads, as a worker thread is handed it: a SQLite file, or a PostgreSQL
 * database with, once the export's own transaction exported it, the snapshot to join.
 */
export type ExportDatabase = { sqlitePath: string } | { postgresUrl: string; snapshot?: string };

/**
 * Work over an `ExportReader` in one read snapshot. `joining` names the same database so that
 * another thread sees the same moment: on PostgreSQL by importing this transaction's snapshot;
 * on SQLite by a read transaction of its own (the events below the snapshot's head never change).
 */
export async function inExportSnapshot<T>(
  database: ExportDatabase,
  work: (reader: ExportReader, joining: ExportDatabase) => Promise<T>,
): Promise<T> {
  if ("sqlitePath" in database)
    return inReadSnapshot(database.sqlitePath, (sqlite) => work(new ExportRepository(sqlite.orm), database));
  return inPostgresSnapshot(database.postgresUrl, database.snapshot, (reader, snapshot) =>
    work(reader, { postgresUrl: database.postgresUrl, snapshot }),
  );
}

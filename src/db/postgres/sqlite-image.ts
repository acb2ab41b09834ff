import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, openDatabase, openDatabaseReadOnly } from "../database.js";
import type { ExportDatabase } from "../export-snapshot.js";
import { copyDeploymentToSqlite } from "./deployment-copy.js";

/**
 * For a read-only tool that reads through SQLite's repositories (`npm run report`): SQLite's file
 * opened read-only, or, on PostgreSQL, one read-only REPEATABLE READ snapshot of the deployment
 * copied into a temporary SQLite file, removed afterwards. The copy costs about what
 * `migrate-to-postgres` does; it goes once the repositories are asynchronous (docs/postgres.md, 1).
 */
export async function readThroughSqlite<T>(
  database: ExportDatabase,
  work: (sqlite: Database) => Promise<T>,
): Promise<T> {
  if ("sqlitePath" in database) {
    const sqlite = openDatabaseReadOnly(database.sqlitePath);
    try {
      return await work(sqlite);
    } finally {
      sqlite.close();
    }
  }
  const folder = mkdtempSync(join(tmpdir(), "regbot-snapshot-"));
  try {
    const image = openDatabase(join(folder, "regbot.sqlite"));
    try {
      await copySnapshot(database.postgresUrl, image);
      return await work(image);
    } finally {
      image.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function copySnapshot(url: string, image: Database): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await copyDeploymentToSqlite(client, image.sqlite);
  } finally {
    await client.end();
  }
}

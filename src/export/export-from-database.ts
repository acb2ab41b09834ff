import { ChatRepository } from "../db/chat-repository.js";
import { openDatabaseReadOnly } from "../db/database.js";
import { ExportRepository } from "../db/export-repository.js";
import type { BundleSink } from "./bundle-sink.js";
import { loadOrCreateDeploymentKey } from "./deployment-key.js";
import { writeExportBundle, type ExportRequest, type ExportSummary } from "./export-bundle.js";

/**
 * A chat's bundle from a read-only connection of its own, in one read transaction: every file
 * describes the same moment while the bot writes on. A failed export removes what it wrote,
 * so a half-written bundle never passes for a whole one.
 */
export async function exportFromDatabase(databasePath: string, request: ExportRequest, sink: BundleSink): Promise<ExportSummary> {
  const database = openDatabaseReadOnly(databasePath);
  database.sqlite.exec("BEGIN");
  try {
    const sources = { exports: new ExportRepository(database.orm), chats: new ChatRepository(database.orm) };
    return await writeExportBundle(sources, loadOrCreateDeploymentKey(databasePath), request, sink).catch(async (error: unknown) => {
      await sink.abort();
      throw error;
    });
  } finally {
    database.sqlite.exec("ROLLBACK");
    database.close();
  }
}

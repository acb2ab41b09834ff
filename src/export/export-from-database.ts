import { ChatRepository } from "../db/chat-repository.js";
import { inReadSnapshot } from "../db/database.js";
import { ExportRepository } from "../db/export-repository.js";
import type { BundleSink } from "./bundle-sink.js";
import { loadOrCreateDeploymentKey } from "./deployment-key.js";
import { writeExportBundle, type ExportRequest, type ExportSummary } from "./export-bundle.js";
import type { RenderedViews, ViewsTask } from "./readable-views.js";
import { runInWorker } from "./worker-task.js";

/**
 * A chat's bundle from a read-only connection of its own, in one read transaction: every file
 * describes the same moment while the bot writes on. The readable views are rendered meanwhile
 * by a second thread with its own connection (the events below the snapshot's head never change).
 * A failed export removes what it wrote, so a half-written bundle never passes for a whole one.
 */
const VIEWS_HEAP_LIMIT_MB = 64;

export async function exportFromDatabase(
  databasePath: string,
  request: ExportRequest,
  sink: BundleSink,
): Promise<ExportSummary> {
  return inReadSnapshot(databasePath, async (database) => {
    const sources = { exports: new ExportRepository(database.orm), chats: new ChatRepository(database.orm) };
    const renderViews = (task: ViewsTask, signal: AbortSignal) =>
      runInWorker<RenderedViews>("views-worker.js", { databasePath, task }, VIEWS_HEAP_LIMIT_MB, signal);
    return writeExportBundle(sources, loadOrCreateDeploymentKey(databasePath), request, sink, renderViews).catch(
      async (error: unknown) => {
        await sink.abort();
        throw error;
      },
    );
  });
}

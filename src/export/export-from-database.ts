import { type ExportDatabase, inExportSnapshot } from "../db/export-snapshot.js";
import type { BundleSink } from "./bundle-sink.js";
import { loadOrCreateDeploymentKey } from "./deployment-key.js";
import { writeExportBundle, type ExportRequest, type ExportSummary } from "./export-bundle.js";
import type { RenderedViews, ViewsTask } from "./readable-views.js";
import { runInWorker } from "./worker-task.js";

/**
 * A chat's bundle from a connection of its own, in one read snapshot: every file describes the
 * same moment while the bot writes on. The readable views are rendered meanwhile by a second
 * thread with its own connection, joining that moment (see `inExportSnapshot`). A failed export
 * removes what it wrote, so a half-written bundle never passes for a whole one.
 */
const VIEWS_HEAP_LIMIT_MB = 64;

export async function exportFromDatabase(
  database: ExportDatabase,
  signingKeyPath: string,
  request: ExportRequest,
  sink: BundleSink,
): Promise<ExportSummary> {
  return inExportSnapshot(database, async (reader, joining) => {
    const renderViews = (task: ViewsTask, signal: AbortSignal) =>
      runInWorker<RenderedViews>("views-worker.js", { database: joining, task }, VIEWS_HEAP_LIMIT_MB, signal);
    return writeExportBundle(reader, loadOrCreateDeploymentKey(signingKeyPath), request, sink, renderViews).catch(
      async (error: unknown) => {
        await sink.abort();
        throw error;
      },
    );
  });
}

import type { ExportDatabase } from "../db/export-snapshot.js";
import type { ExportRequest, ExportSummary } from "./export-bundle.js";
import { runInWorker } from "./worker-task.js";

/** Writes a chat's bundle as a zip in a worker thread with its own read-only connection. */
export interface WorkerExport {
  database: ExportDatabase;
  signingKeyPath: string;
  request: ExportRequest;
  /** The zip file to write. */
  out: string;
}

const HEAP_LIMIT_MB = 64;

export async function exportInWorker(task: WorkerExport, signal?: AbortSignal): Promise<ExportSummary> {
  try {
    return await runInWorker<ExportSummary>("export-worker.js", task, HEAP_LIMIT_MB, signal);
  } catch (error) {
    throw new Error(
      signal?.aborted
        ? "the export was stopped"
        : `the export failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

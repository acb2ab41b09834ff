import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { findProjectFolder } from "../project-files.js";
import type { ExportRequest, ExportSummary } from "./export-bundle.js";

/**
 * Writes a chat's bundle as a zip in a worker thread with its own read-only connection, so a
 * long history never holds up the bot's event loop; the worker's heap is capped so a runaway
 * export fails alone instead of taking the bot with it.
 */
export interface WorkerExport {
  databasePath: string;
  request: ExportRequest;
  /** The zip file to write. */
  out: string;
}

const HEAP_LIMIT_MB = 256;

export function exportInWorker(task: WorkerExport, signal?: AbortSignal): Promise<ExportSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: task, resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
    const stop = () => void worker.terminate();
    signal?.addEventListener("abort", stop, { once: true });
    let answer: { summary?: ExportSummary; error?: string } | undefined;
    worker.once("message", (message: typeof answer) => (answer = message));
    worker.once("error", reject);
    worker.once("exit", () => {
      signal?.removeEventListener("abort", stop);
      if (answer?.summary !== undefined) resolve(answer.summary);
      else reject(new Error(signal?.aborted ? "the export was stopped" : `the export failed: ${answer?.error ?? "its worker exited"}`));
    });
  });
}

/** The worker runs compiled JavaScript: beside this file when built, from dist/ under the test runner. */
function workerFile(): URL {
  const beside = new URL("./export-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return pathToFileURL(join(findProjectFolder("dist", "src/export/export-worker.js"), "src/export/export-worker.js"));
}

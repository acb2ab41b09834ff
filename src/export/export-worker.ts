import { parentPort, workerData } from "node:worker_threads";
import { zipSink } from "./bundle-sink.js";
import { exportFromDatabase } from "./export-from-database.js";
import type { WorkerExport } from "./export-in-worker.js";

/** The worker thread's side of `exportInWorker`: writes the zip and reports its summary, or why it failed. */
const task = workerData as WorkerExport;
try {
  const summary = await exportFromDatabase(task.databasePath, task.request, zipSink(task.out));
  parentPort!.postMessage({ summary });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
}

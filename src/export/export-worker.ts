import { workerData } from "node:worker_threads";
import { zipSink } from "./bundle-sink.js";
import { exportFromDatabase } from "./export-from-database.js";
import type { WorkerExport } from "./export-in-worker.js";
import { answerParent } from "./worker-task.js";

/** The worker thread's side of `exportInWorker`: writes the zip and reports its summary. */
const task = workerData as WorkerExport;
await answerParent(() => exportFromDatabase(task.database, task.signingKeyPath, task.request, zipSink(task.out)));

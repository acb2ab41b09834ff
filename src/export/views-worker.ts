import { workerData } from "node:worker_threads";
import { type ExportDatabase, inExportSnapshot } from "../db/export-snapshot.js";
import { writeReadableViews, type ViewsTask } from "./readable-views.js";
import { answerParent } from "./worker-task.js";

/** The thread that renders a bundle's readable views while the export's own thread copies the log. */
const { database, task } = workerData as { database: ExportDatabase; task: ViewsTask };
await answerParent(() => inExportSnapshot(database, (reader) => writeReadableViews(reader, task)));

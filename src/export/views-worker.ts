import { workerData } from "node:worker_threads";
import { ExportRepository } from "../db/export-repository.js";
import { inReadSnapshot } from "../db/database.js";
import { writeReadableViews, type ViewsTask } from "./readable-views.js";
import { answerParent } from "./worker-task.js";

/** The thread that renders a bundle's readable views while the export's own thread copies the log. */
const { databasePath, task } = workerData as { databasePath: string; task: ViewsTask };
await answerParent(() =>
  inReadSnapshot(databasePath, (database) => writeReadableViews(new ExportRepository(database.orm), task)),
);

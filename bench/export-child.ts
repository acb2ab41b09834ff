import { once } from "node:events";
import { createWriteStream } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { exportInWorker } from "../src/export/export-in-worker.js";

/**
 * One side of the export benchmark in a process of its own, so its peak memory is its own:
 * `bundle` exports the chat through the worker the bot uses, `dump` streams the same table's
 * lines to a file. Prints `{ seconds, peakRssBytes }` as JSON.
 */
const [mode, databasePath, chatId, out] = process.argv.slice(2) as [string, string, string, string];
const started = performance.now();
if (mode === "bundle") await exportInWorker({ databasePath, request: { chatId: Number(chatId), now: Date.now() }, out });
else if (mode === "dump") await dump();
else throw new Error(`unknown mode ${mode}`);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));

/** The baseline: every stored line of the chat's log, in order, one per line, nothing else. */
async function dump(): Promise<void> {
  const sqlite = new BetterSqlite3(databasePath, { readonly: true });
  const file = createWriteStream(out);
  let batch: string[] = [];
  for (const row of sqlite.prepare("select line from events where chat_id = ? order by seq").iterate(Number(chatId)) as Iterable<{ line: string }>) {
    batch.push(row.line);
    if (batch.length < 1000) continue;
    if (!file.write(`${batch.join("\n")}\n`)) await once(file, "drain");
    batch = [];
  }
  if (batch.length > 0) file.write(`${batch.join("\n")}\n`);
  file.end();
  await once(file, "finish");
  sqlite.close();
}

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { exportInWorker } from "../src/export/export-in-worker.js";

/**
 * One side of the export benchmark in a process of its own, so its peak memory is its own:
 * `bundle` exports the chat through the worker the bot uses, `bundle-postgres` the same from the
 * PostgreSQL database `databasePath` names (a URL), signed by the key beside `keyBeside`; `lines`
 * streams the chat's stored lines to a file, `table` its rows (every column) as JSON, one per
 * line. Prints `{ seconds, peakRssBytes }` as JSON.
 */
const [mode, databasePath, chatId, out, keyBeside = databasePath] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const started = performance.now();
if (mode === "bundle" || mode === "bundle-postgres")
  await exportInWorker({
    database: mode === "bundle" ? { sqlitePath: databasePath } : { postgresUrl: databasePath },
    signingKeyPath: `${keyBeside}.ed25519.pem`,
    request: { chatId: Number(chatId), now: Date.now() },
    out,
  });
else if (mode === "lines")
  await dump("select line from events where chat_id = ? order by seq", (row) => row.line as string);
else if (mode === "table")
  await dump("select * from events where chat_id = ? order by seq", (row) => JSON.stringify(row));
else throw new Error(`unknown mode ${mode}`);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));

/** A baseline: each row of the chat's log as one line of JSON, in order, nothing else. */
async function dump(query: string, lineOf: (row: Record<string, unknown>) => string): Promise<void> {
  const sqlite = new BetterSqlite3(databasePath, { readonly: true });
  const file = createWriteStream(out);
  let batch: string[] = [];
  for (const row of sqlite.prepare(query).iterate(Number(chatId)) as Iterable<Record<string, unknown>>) {
    batch.push(lineOf(row));
    if (batch.length < 1000) continue;
    if (!file.write(`${batch.join("\n")}\n`)) await once(file, "drain");
    batch = [];
  }
  if (batch.length > 0) file.write(`${batch.join("\n")}\n`);
  file.end();
  await once(file, "finish");
  sqlite.close();
}

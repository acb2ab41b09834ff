import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedLongChat } from "./export-history.js";
import { unzip } from "./unzip.js";

/**
 * A chat of 1,000,000 events exported to the full bundle through the worker the bot uses,
 * against plain streaming JSONL dumps of the same table: its stored lines (the baseline of the
 * target) and its rows with every column; each runs in a process of its own, whose peak
 * resident memory is its own. Then the bundle's own verify.mjs on the unpacked bundle against
 * `sha256sum` over the same files.
 */
const EVENTS = 1_000_000;
const CHILD = fileURLToPath(new URL("./export-child.js", import.meta.url));

export interface ExportBenchResult {
  events: number;
  bundleSeconds: number;
  bundlePeakRssMb: number;
  bundleMb: number;
  dumpSeconds: number;
  dumpPeakRssMb: number;
  /** The bundle's time over the dump of the stored lines. */
  ratio: number;
  tableDumpSeconds: number;
  /** The bundle's time over the dump of the rows. */
  tableRatio: number;
  verified: boolean;
  verifySeconds: number;
  sha256sumSeconds: number;
  /** verify.mjs's time over sha256sum's. */
  verifyRatio: number;
}

export async function benchExport(): Promise<ExportBenchResult> {
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-export-"));
  try {
    const databasePath = join(directory, "regbot.sqlite");
    const { chatId } = await seedLongChat(databasePath, EVENTS);
    const zip = join(directory, "bundle.zip");
    // The lines are dumped before and after the bundle; the faster run is the baseline.
    const dumps = [child("lines", databasePath, chatId, join(directory, "lines-1.jsonl"))];
    const table = child("table", databasePath, chatId, join(directory, "table.jsonl"));
    const bundle = child("bundle", databasePath, chatId, zip);
    dumps.push(child("lines", databasePath, chatId, join(directory, "lines-2.jsonl")));
    const dump = dumps.reduce((fastest, run) => (run.seconds < fastest.seconds ? run : fastest));

    const folder = join(directory, "bundle");
    const files = await unzip(zip, folder);
    const verify = timed(process.execPath, [join(folder, "verify.mjs"), folder]);
    const sums = timed("sha256sum", files.map((name) => join(folder, name)));
    return {
      events: EVENTS,
      bundleSeconds: bundle.seconds,
      bundlePeakRssMb: bundle.peakRssBytes / 1024 / 1024,
      bundleMb: statSync(zip).size / 1024 / 1024,
      dumpSeconds: dump.seconds,
      dumpPeakRssMb: dump.peakRssBytes / 1024 / 1024,
      ratio: bundle.seconds / dump.seconds,
      tableDumpSeconds: table.seconds,
      tableRatio: bundle.seconds / table.seconds,
      verified: verify.status === 0 && verify.stdout.includes("bundle verified"),
      verifySeconds: verify.seconds,
      sha256sumSeconds: sums.seconds,
      verifyRatio: verify.seconds / sums.seconds,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function child(mode: "bundle" | "lines" | "table", databasePath: string, chatId: number, out: string): { seconds: number; peakRssBytes: number } {
  const run = spawnSync(process.execPath, [CHILD, mode, databasePath, String(chatId), out], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`export benchmark (${mode}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { seconds: number; peakRssBytes: number };
}

function timed(command: string, args: string[]): { seconds: number; status: number | null; stdout: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { seconds: (performance.now() - started) / 1000, status: run.status, stdout: run.stdout };
}

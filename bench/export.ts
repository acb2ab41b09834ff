import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedLongChat } from "./export-history.js";
import { unzip } from "./unzip.js";

/**
 * A chat of 1,000,000 events exported to the full bundle through the workers the bot uses,
 * against plain streaming JSONL dumps of the same table: its rows, every column as JSON (the
 * issue's baseline: "a plain streaming JSONL dump of the same table"), and its stored lines alone
 * (stricter: one column that is JSON already, nothing serialised, rendered or compressed). Each
 * runs in a process of its own, whose peak resident memory is its own. Then the bundle's own
 * verify.mjs on the unpacked bundle against `sha256sum` over the same files.
 */
const EVENTS = 1_000_000;
const CHILD = fileURLToPath(new URL("./export-child.js", import.meta.url));

export interface ExportBenchResult {
  events: number;
  bundleSeconds: number;
  bundlePeakRssMb: number;
  bundleMb: number;
  linesDumpSeconds: number;
  linesDumpPeakRssMb: number;
  /** The bundle's time over the dump of the stored lines. */
  linesRatio: number;
  tableDumpSeconds: number;
  /** The bundle's time over the dump of the rows: the target's ratio. */
  ratio: number;
  verified: boolean;
  /** What verify.mjs said, to show why when it did not verify. */
  verifyOutput: string;
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
    // Each dump runs before and after the bundle, and its faster run counts: the machine's load moves.
    const dump = (mode: "lines" | "table") => {
      const out = join(directory, `${mode}.jsonl`);
      const run = child(mode, databasePath, chatId, out);
      rmSync(out);
      return run;
    };
    const faster = (one: ChildRun, other: ChildRun) => (one.seconds < other.seconds ? one : other);
    const [tableBefore, linesBefore] = [dump("table"), dump("lines")];
    const bundle = child("bundle", databasePath, chatId, zip);
    const lines = faster(linesBefore, dump("lines"));
    const table = faster(tableBefore, dump("table"));

    // Unpacked as VERIFY.md says: the zip's one folder, beside the zip.
    const files = (await unzip(zip, directory)).map((name) => join(directory, name));
    const folder = dirname(files[0]!);
    const verify = timed(process.execPath, [join(folder, "verify.mjs"), folder]);
    const sums = timed("sha256sum", files);
    return {
      events: EVENTS,
      bundleSeconds: bundle.seconds,
      bundlePeakRssMb: bundle.peakRssBytes / 1024 / 1024,
      bundleMb: statSync(zip).size / 1024 / 1024,
      linesDumpSeconds: lines.seconds,
      linesDumpPeakRssMb: lines.peakRssBytes / 1024 / 1024,
      linesRatio: bundle.seconds / lines.seconds,
      tableDumpSeconds: table.seconds,
      ratio: bundle.seconds / table.seconds,
      verified: verify.status === 0 && verify.stdout.includes("bundle verified"),
      verifyOutput: verify.stdout,
      verifySeconds: verify.seconds,
      sha256sumSeconds: sums.seconds,
      verifyRatio: verify.seconds / sums.seconds,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

type ChildRun = { seconds: number; peakRssBytes: number };

function child(mode: "bundle" | "lines" | "table", databasePath: string, chatId: number, out: string): ChildRun {
  const run = spawnSync(process.execPath, [CHILD, mode, databasePath, String(chatId), out], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`export benchmark (${mode}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildRun;
}

function timed(command: string, args: string[]): { seconds: number; status: number | null; stdout: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { seconds: (performance.now() - started) / 1000, status: run.status, stdout: run.stdout };
}

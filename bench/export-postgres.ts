import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedLongChat } from "./export-history.js";
import { scratchPostgresDatabase } from "../test/support/scratch-postgres.js";
import { unzip } from "./unzip.js";

/**
 * The export benchmark's chat of 1,000,000 events moved into PostgreSQL with
 * `npm run migrate-to-postgres`, then exported to the full bundle from SQLite and from
 * PostgreSQL alternately, twice each, each export in a process of its own (its peak RSS its own);
 * the faster of each pair counts. BENCH_DATABASE_URL names a PostgreSQL database whose user may
 * create databases (one is made for the run and dropped after).
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const CHILD = fileURLToPath(new URL("./export-child.js", import.meta.url));
const MIGRATE = fileURLToPath(new URL("../src/cli/migrate-to-postgres.js", import.meta.url));
/** The files that state the export's own moment, or sign or list their hashes. */
const STAMPED = new Set(["manifest.json", "messages.html", "checkpoint.json", "SHA256SUMS"]);

export interface PostgresExportBenchResult {
  events: number;
  migrateSeconds: number;
  sqliteSeconds: number;
  sqlitePeakRssMb: number;
  postgresSeconds: number;
  postgresPeakRssMb: number;
  /** PostgreSQL's export time over SQLite's. */
  ratio: number;
  /** The two bundles' files that differ beyond the export's timestamp (none expected). */
  differing: string[];
}

export async function benchPostgresExport(): Promise<PostgresExportBenchResult> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl === undefined) throw new Error("set BENCH_DATABASE_URL=postgres://… (a user that may create databases)");
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-export-pg-"));
  const scratch = await scratchPostgresDatabase(adminUrl, "regbot_bench");
  const url = new URL(scratch.url);
  try {
    const databasePath = join(directory, "regbot.sqlite");
    const { chatId } = await seedLongChat(databasePath, EVENTS);
    const started = performance.now();
    const moved = spawnSync(process.execPath, [MIGRATE, "--from", databasePath, "--to", url.href], {
      encoding: "utf8",
    });
    if (moved.status !== 0) throw new Error(`migrate-to-postgres failed: ${moved.stdout}${moved.stderr}`);
    const migrateSeconds = (performance.now() - started) / 1000;
    const zip = (side: string, round: number) => join(directory, `${side}-${round}`, "bundle.zip");
    const runs = { sqlite: [] as ChildRun[], postgres: [] as ChildRun[] };
    for (const round of [1, 2]) {
      runs.sqlite.push(child(["bundle", databasePath, String(chatId), mkdir(zip("sqlite", round))]));
      runs.postgres.push(
        child(["bundle-postgres", url.href, String(chatId), mkdir(zip("postgres", round)), databasePath]),
      );
    }
    const faster = (both: ChildRun[]) => both.reduce((one, other) => (one.seconds <= other.seconds ? one : other));
    const [sqlite, postgres] = [faster(runs.sqlite), faster(runs.postgres)];
    return {
      events: EVENTS,
      migrateSeconds,
      sqliteSeconds: sqlite.seconds,
      sqlitePeakRssMb: sqlite.peakRssBytes / 1024 / 1024,
      postgresSeconds: postgres.seconds,
      postgresPeakRssMb: postgres.peakRssBytes / 1024 / 1024,
      ratio: postgres.seconds / sqlite.seconds,
      differing: await differingFiles(zip("sqlite", 1), zip("postgres", 1)),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await scratch.drop();
  }
}

/** The files whose SHA-256 differ between the two bundles, but for those that state the export's moment. */
async function differingFiles(first: string, second: string): Promise<string[]> {
  const sums = async (zip: string) => {
    const folder = join(dirname(zip), "unpacked");
    const names = await unzip(zip, folder);
    const file = join(folder, names.find((entry) => entry.endsWith("/SHA256SUMS"))!);
    return new Map(
      readFileSync(file, "utf8")
        .trimEnd()
        .split("\n")
        .map((line) => line.split("  ").reverse() as [string, string]),
    );
  };
  const [one, other] = [await sums(first), await sums(second)];
  return [...one].filter(([name, hash]) => !STAMPED.has(name) && other.get(name) !== hash).map(([name]) => name);
}

type ChildRun = { seconds: number; peakRssBytes: number };

function child(args: string[]): ChildRun {
  const run = spawnSync(process.execPath, [CHILD, ...args], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`export benchmark (${args[0]}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildRun;
}

/** The zip's path, its folder made. */
function mkdir(zipPath: string): string {
  mkdirSync(dirname(zipPath), { recursive: true });
  return zipPath;
}

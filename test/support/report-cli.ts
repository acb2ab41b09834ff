import { spawnSync } from "node:child_process";

export interface ReportRun {
  /** The deployment's default zone (`DEFAULT_TIMEZONE`); the process's own when absent. */
  zone?: string;
  /** `--from` and `--to`; the report's default period when absent. */
  from?: string;
  to?: string;
}

/** `npm run report -- --format json` over a harness's database, as its operator runs it: the rows it prints. */
export function reportRows(databasePath: string, { zone, from, to }: ReportRun = {}): unknown {
  const period = from === undefined || to === undefined ? [] : ["--from", from, "--to", to];
  const run = spawnSync(
    process.execPath,
    ["dist/src/cli/report.js", "--database", databasePath, ...period, "--format", "json"],
    { encoding: "utf8", env: { ...process.env, ...(zone === undefined ? {} : { DEFAULT_TIMEZONE: zone }) } },
  );
  if (run.status !== 0) throw new Error(`npm run report exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

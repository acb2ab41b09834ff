import type { ExportDatabase } from "../db/export-snapshot.js";

/** The options every read-only tool takes to name its database. */
export const DATABASE_OPTIONS = {
  database: { type: "string" },
  "database-url": { type: "string" },
} as const;

export const DATABASE_USAGE = "[--database <SQLite file> | --database-url <postgres://…>]";

/**
 * Which database a read-only tool reads: `--database-url`, or else `--database`, or else
 * DATABASE_URL, or else DATABASE_PATH (default ./data/regbot.sqlite). The signing key is
 * SIGNING_KEY_PATH, or else beside the SQLite file (on PostgreSQL: beside DATABASE_PATH, where
 * it was before the move, so a deployment that keeps its .env and data folder keeps its key).
 * A string names what is wrong.
 */
export function chooseDatabase(
  flags: { database?: string | undefined; "database-url"?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): { database: ExportDatabase; signingKeyPath: string } | string {
  if (flags.database !== undefined && flags["database-url"] !== undefined)
    return "give either --database or --database-url, not both";
  const url = flags["database-url"] ?? (flags.database === undefined ? nonEmpty(env.DATABASE_URL) : undefined);
  const sqlitePath = flags.database ?? nonEmpty(env.DATABASE_PATH) ?? "./data/regbot.sqlite";
  const signingKeyPath = nonEmpty(env.SIGNING_KEY_PATH) ?? `${sqlitePath}.ed25519.pem`;
  if (url === undefined) return { database: { sqlitePath }, signingKeyPath };
  if (!/^postgres(ql)?:\/\//.test(url)) return "DATABASE_URL (or --database-url) must be a postgres:// URL";
  return { database: { postgresUrl: url }, signingKeyPath };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

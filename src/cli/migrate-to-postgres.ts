import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ChatRepository } from "../db/chat-repository.js";
import { CorrespondenceRepository } from "../db/correspondence-repository.js";
import { inSnapshotWhileStopped, type Database } from "../db/database.js";
import { readPostgresChain } from "../db/postgres/correspondence-reader.js";
import { openPostgres, type PostgresDatabase } from "../db/postgres/database.js";
import { copyDeployment, countRows } from "../db/postgres/deployment-copy.js";
import { auditLog, differenceFromOriginal } from "../domain/log-audit.js";
import { loadOrCreateDeploymentKey } from "../export/deployment-key.js";

/**
 * `npm run migrate-to-postgres -- --from <SQLite file> --to <postgres://…>`: copies a stopped
 * deployment into an empty PostgreSQL database (the SQLite file is only read), then proves every
 * table's row count and every chat's chain, root and checkpoints identical in the copy.
 * Exit 0 when proven, 1 when anything differs, 2 on bad usage or an error (a failed copy leaves nothing).
 */
const USAGE = "usage: npm run migrate-to-postgres -- --from <SQLite file> --to <postgres://user@host:5432/database>";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } }, strict: true });
  if (values.from === undefined || values.to === undefined) return usage("give both --from and --to");
  if (!existsSync(values.from)) return usage(`no SQLite database at ${values.from}`);
  if (!/^postgres(ql)?:\/\//.test(values.to)) return usage("--to must be a postgres:// URL");
  const to = values.to;
  return inSnapshotWhileStopped(values.from, async (sqlite) => {
    const target = await openPostgres(to);
    try {
      const copied = await copyDeployment(sqlite.sqlite, target.orm);
      const rows = [...copied.values()].reduce((sum, count) => sum + count, 0);
      console.log(`copied ${rows} rows of ${copied.size} tables`);
      const differences = (await compareCounts(copied, target)) + (await compareLogs(sqlite, target));
      console.log(differences === 0 ? "the copy is identical" : `${differences} differences: do not switch over`);
      console.log(signingKeyAdvice(resolve(`${values.from}.ed25519.pem`)));
      return differences === 0 ? 0 : 1;
    } finally {
      await target.close();
    }
  });
}

async function compareCounts(copied: Map<string, number>, target: PostgresDatabase): Promise<number> {
  let differences = 0;
  for (const [table, stored] of await countRows(target.orm)) {
    if (stored === copied.get(table)) continue;
    differences += 1;
    console.log(`${table}: ${copied.get(table)} rows in SQLite, ${stored} in PostgreSQL`);
  }
  return differences;
}

/** Each chat's log read back from both databases through the same checks `npm run verify` makes. */
async function compareLogs(sqlite: Database, target: PostgresDatabase): Promise<number> {
  const correspondence = new CorrespondenceRepository(sqlite.orm);
  let differences = 0;
  for (const chat of await new ChatRepository(sqlite.orm).allChats()) {
    const original = await auditLog(correspondence.readChain(chat.id));
    const copy = await auditLog(readPostgresChain(target.orm, chat.id));
    const difference = differenceFromOriginal(original, copy);
    const name = `chat ${chat.id} (Telegram ${chat.telegramChatId})`;
    if (difference === undefined) {
      const { count } = copy.verdict as { count: number };
      console.log(`${name}: ${count} events, ${copy.checkpoints.length} checkpoints, root ${copy.root}: identical`);
    } else {
      differences += 1;
      console.log(`${name}: DIFFERS: ${difference}`);
    }
  }
  return differences;
}

/** The key that signed the deployment's bundles stays with the database, not with its file: where to point the tools at it. */
function signingKeyAdvice(keyPath: string): string {
  if (!existsSync(keyPath))
    return "no signing key beside the SQLite file: the first export creates one where SIGNING_KEY_PATH says";
  const { fingerprint } = loadOrCreateDeploymentKey(keyPath);
  return [
    `signing key: ${keyPath} (fingerprint ${fingerprint})`,
    `  bundles from PostgreSQL are signed by SIGNING_KEY_PATH: set SIGNING_KEY_PATH=${keyPath}`,
    "  (or keep DATABASE_PATH as it was), and keep that file and its .pub.pem with your backups",
  ].join("\n");
}

function usage(problem: string): number {
  console.error(`migrate-to-postgres: ${problem}\n${USAGE}`);
  return 2;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`migrate-to-postgres: ${describe(error)}`);
  return 2;
});

/** drizzle wraps the server's own words (a constraint, a bad byte) in its error's cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.cause.message} (${error.message.split("\n")[0]})` : error.message;
}

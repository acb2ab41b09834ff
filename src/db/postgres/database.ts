import { sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { findProjectFolder } from "../../project-files.js";
import * as schema from "./schema.js";

export type PostgresOrm = NodePgDatabase<typeof schema>;

export interface PostgresDatabase {
  orm: PostgresOrm;
  /** Resolves when the server answers a trivial query (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The advisory lock that lets one process at a time apply migrations. */
const MIGRATIONS_LOCK = "regbot:migrations";

/** Connects to the PostgreSQL database at `url`, applying the committed migrations first. */
export async function openPostgres(url: string): Promise<PostgresDatabase> {
  await applyPostgresMigrations(url);
  return connect(new pg.Pool({ connectionString: url }));
}

/** For the tools that only read a deployment's database: nothing is migrated, and the server refuses any write. */
export function connectPostgresReadOnly(url: string): PostgresDatabase {
  return connect(new pg.Pool({ connectionString: url, options: "-c default_transaction_read_only=on" }));
}

function connect(pool: pg.Pool): PostgresDatabase {
  const orm = drizzle(pool, { schema });
  return {
    orm,
    ping: async () => (await orm.execute<{ ok: number }>(sql`select 1 as ok`)).rows[0]?.ok === 1,
    close: () => pool.end(),
  };
}

/**
 * Applies `migrations-postgres/` under a session-level advisory lock: processes that start
 * together wait for the first, then find nothing left to apply. The lock goes with the session,
 * so a process that dies while migrating leaves no stale lock (and its transaction rolls back).
 */
export async function applyPostgresMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [MIGRATIONS_LOCK]);
    await migrate(drizzle(client), {
      migrationsFolder: findProjectFolder("migrations-postgres", "meta/_journal.json"),
    });
  } finally {
    await client.end();
  }
}

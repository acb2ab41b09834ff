import type { Clock } from "../clock.js";
import { openDatabase } from "./database.js";
import { createRepositories, type Repositories } from "./repositories.js";

/** Where regbot keeps everything: a SQLite file (one process), or a PostgreSQL database. */
export type StoreLocation = { sqlitePath: string } | { postgresUrl: string };

/** The open database behind the repositories, whichever it is. */
export interface Store {
  repositories: Repositories;
  /** Resolves when the database answers a trivial query (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** regbot was asked to run on PostgreSQL before every repository exists there: it never starts half on it. */
export class PostgresNotReadyError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(
      `DATABASE_URL is set, but regbot cannot run on PostgreSQL yet: it lacks PostgreSQL's ${missing.join(", ")} ` +
        "repositories. Unset DATABASE_URL to run on SQLite (DATABASE_PATH); the read-only tools read PostgreSQL already.",
    );
    this.name = "PostgresNotReadyError";
  }
}

/**
 * Opens the store and its repositories. PostgreSQL's modules load only when asked for, and it
 * refuses (`PostgresNotReadyError`) before connecting while some of its repositories are missing;
 * its claims of jobs and messages are leased by `clocks` (the scheduler's, the sender's).
 */
export async function openStore(location: StoreLocation, clocks: { jobs: Clock; outbox: Clock }): Promise<Store> {
  if ("sqlitePath" in location) {
    const database = openDatabase(location.sqlitePath);
    return {
      repositories: createRepositories(database.orm),
      ping: database.ping,
      close: async () => database.close(),
    };
  }
  const [{ openPostgres }, { PostgresSession }, { createPostgresRepositories, missingPostgresRepositories }] =
    await Promise.all([
      import("./postgres/database.js"),
      import("./postgres/session.js"),
      import("./postgres/repositories.js"),
    ]);
  const missing = missingPostgresRepositories();
  if (missing.length > 0) throw new PostgresNotReadyError(missing);
  const database = await openPostgres(location.postgresUrl);
  try {
    return {
      repositories: createPostgresRepositories(new PostgresSession(database.orm), clocks),
      ping: database.ping,
      close: database.close,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

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

/**
 * Opens the store and its repositories. PostgreSQL's modules load only when asked for (its
 * migrations are applied first); its claims of jobs and messages are leased by `clocks` (the
 * scheduler's, the sender's).
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
  const [{ openPostgres }, { PostgresSession }, { createPostgresRepositories }] = await Promise.all([
    import("./postgres/database.js"),
    import("./postgres/session.js"),
    import("./postgres/repositories.js"),
  ]);
  const database = await openPostgres(location.postgresUrl);
  return {
    repositories: createPostgresRepositories(new PostgresSession(database.orm), clocks),
    ping: database.ping,
    close: database.close,
  };
}

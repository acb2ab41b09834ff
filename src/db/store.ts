import type { Logger } from "pino";
import type { TurnInbox, TurnLocks } from "../bot/inbox/chat-turns.js";
import type { Clock } from "../clock.js";
import type { Leadership } from "../leadership.js";
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
  /** PostgreSQL's: several processes share the database, so a role has one leader and a chat one handler at a time. */
  shared?: SharedStore;
}

export interface SharedStore {
  /** Leadership of `role` (`regbot:polling`, `regbot:sending`); `retryMs`: how often a follower tries. */
  leadership(role: string, logger: Logger, retryMs?: number): Leadership;
  /** Turns on chats: whose is each, and what waits in each. */
  turns(logger: Logger): { locks: TurnLocks; pending: TurnInbox };
  /** Tells the sending process of what others posted. */
  outboxSignal(logger: Logger): OutboxSignal;
}

export interface OutboxSignal {
  listen(onPosted: () => void): Promise<void>;
  notify(): void;
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
  const [
    { openPostgres },
    { PostgresSession },
    { createPostgresRepositories },
    { PostgresLeadership },
    { PostgresTurnLocks },
    { PostgresOutboxSignal },
  ] = await Promise.all([
    import("./postgres/database.js"),
    import("./postgres/session.js"),
    import("./postgres/repositories.js"),
    import("./postgres/leadership.js"),
    import("./postgres/turn-locks.js"),
    import("./postgres/outbox-signal.js"),
  ]);
  const url = location.postgresUrl;
  const database = await openPostgres(url);
  const repositories = createPostgresRepositories(new PostgresSession(database.orm), clocks);
  // createPostgresRepositories builds PostgreSQL's correspondence repository, which also answers what waits by chat.
  const pending = repositories.correspondence as unknown as TurnInbox;
  return {
    repositories,
    ping: database.ping,
    close: database.close,
    shared: {
      leadership: (role, logger, retryMs) =>
        new PostgresLeadership({ url, role, logger, ...(retryMs === undefined ? {} : { retryMs }) }),
      turns: (logger) => ({ locks: new PostgresTurnLocks(url, logger), pending }),
      outboxSignal: (logger) => new PostgresOutboxSignal(url, logger),
    },
  };
}

import { asc } from "drizzle-orm";
import type { Database } from "../../src/db/database.js";
import { PostgresCorrespondenceRepository } from "../../src/db/postgres/correspondence-repository.js";
import type { PostgresDatabase } from "../../src/db/postgres/database.js";
import { PostgresOutboxRepository } from "../../src/db/postgres/outbox-repository.js";
import * as pg from "../../src/db/postgres/schema.js";
import type { PostgresSession } from "../../src/db/postgres/session.js";
import { createRepositories, type Repositories } from "../../src/db/repositories.js";
import * as lite from "../../src/db/schema.js";
import type { EventDraft } from "../../src/domain/correspondence.js";
import { openPairedDatabases } from "./paired-databases.js";

/** What a PostgreSQL repository is built on in one process: the session, the chain it logs to, the outbox. */
export interface PostgresProcess {
  session: PostgresSession;
  chain: PostgresCorrespondenceRepository;
  outbox: PostgresOutboxRepository;
}

/** SQLite's repositories and PostgreSQL's collaborators over empty databases, to make the same calls on both. */
export interface RepositoryPair extends PostgresProcess {
  sqlite: Database;
  repositories: Repositories;
  postgres: PostgresDatabase;
  /** Another process on the same PostgreSQL database: its own pool, session, chain and outbox. */
  another(): Promise<PostgresProcess>;
  /** Appends through both logs (the first append to a chat registers it). */
  append(drafts: readonly EventDraft[], at: number): Promise<void>;
  close(): Promise<void>;
}

export async function repositoryPair(): Promise<RepositoryPair> {
  const paired = await openPairedDatabases();
  const repositories = createRepositories(paired.sqlite.orm);
  const main = processOn(paired.session);
  return {
    ...main,
    sqlite: paired.sqlite,
    repositories,
    postgres: paired.postgres,
    another: async () => processOn(await paired.anotherProcess()),
    async append(drafts, at) {
      await repositories.correspondence.append(drafts, at);
      await main.chain.append(drafts, at);
    },
    close: () => paired.close(),
  };
}

function processOn(session: PostgresSession): PostgresProcess {
  const chain = new PostgresCorrespondenceRepository(session);
  return { session, chain, outbox: new PostgresOutboxRepository(session, chain, { clock: Date.now }) };
}

const TABLES = {
  chats: [lite.chats, pg.chats, ["id"]],
  events: [lite.events, pg.events, ["chatId", "seq"]],
  voiceMessages: [lite.voiceMessages, pg.voiceMessages, ["id"]],
  chatRoles: [lite.chatRoles, pg.chatRoles, ["id"]],
  clientNominations: [lite.clientNominations, pg.clientNominations, ["id"]],
  regulationVersions: [lite.regulationVersions, pg.regulationVersions, ["chatId", "version"]],
  outbox: [lite.outbox, pg.outbox, ["id"]],
} as const;

export type StoredTable = keyof typeof TABLES;

/** The rows of `table` in each database, in key order. */
export async function storedRows(
  pair: RepositoryPair,
  table: StoredTable,
): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  const [inSqlite, inPostgres, key] = TABLES[table];
  const sqliteOrder = key.map((column) => asc((inSqlite as never)[column]));
  const postgresOrder = key.map((column) => asc((inPostgres as never)[column]));
  return {
    sqlite: pair.sqlite.orm
      .select()
      .from(inSqlite)
      .orderBy(...sqliteOrder)
      .all(),
    postgres: await pair.postgres.orm
      .select()
      .from(inPostgres)
      .orderBy(...postgresOrder),
  };
}

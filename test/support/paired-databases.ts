import { and, asc, eq, max } from "drizzle-orm";
import type { AppendedEvent } from "../../src/db/correspondence-repository.js";
import { type Database, openDatabase } from "../../src/db/database.js";
import type { ChainAppender } from "../../src/db/postgres/collaborators.js";
import { PostgresOutboxRepository } from "../../src/db/postgres/outbox-repository.js";
import { openPostgres, type PostgresDatabase } from "../../src/db/postgres/database.js";
import * as pg from "../../src/db/postgres/schema.js";
import { PostgresSession } from "../../src/db/postgres/session.js";
import { createRepositories, type Repositories } from "../../src/db/repositories.js";
import * as lite from "../../src/db/schema.js";
import type { EventDraft } from "../../src/domain/correspondence.js";
import { freshPostgresDatabase, type ScratchPostgres } from "./postgres.js";

/** The same history kept by SQLite's repositories and by PostgreSQL's, to compare answers and rows. */
export interface PairedDatabases {
  sqlite: Database;
  repositories: Repositories;
  postgres: PostgresDatabase;
  session: PostgresSession;
  chain: ChainAppender;
  outbox: PostgresOutboxRepository;
  scratch: ScratchPostgres;
  /** Another process: its own pool, session and chain on the same PostgreSQL database. */
  another(): Promise<{
    session: PostgresSession;
    chain: ChainAppender;
    outbox: PostgresOutboxRepository;
    close(): Promise<void>;
  }>;
  /** Appends through both chains, each in a transaction (registering the chat as the first append does). */
  append(drafts: readonly EventDraft[], at: number): Promise<void>;
  close(): Promise<void>;
}

export async function pairedDatabases(): Promise<PairedDatabases> {
  const scratch = await freshPostgresDatabase();
  const sqlite = openDatabase(":memory:");
  const repositories = createRepositories(sqlite.orm);
  const postgres = await openPostgres(scratch.url);
  const session = new PostgresSession(postgres.orm);
  const chain = chainOf(session);
  return {
    sqlite,
    repositories,
    postgres,
    session,
    chain,
    outbox: new PostgresOutboxRepository(session, chain, { clock: Date.now }),
    scratch,
    async another() {
      const other = await openPostgres(scratch.url);
      const otherSession = new PostgresSession(other.orm);
      const otherChain = chainOf(otherSession);
      return {
        session: otherSession,
        chain: otherChain,
        outbox: new PostgresOutboxRepository(otherSession, otherChain, { clock: Date.now }),
        close: () => other.close(),
      };
    },
    async append(drafts, at) {
      await repositories.correspondence.append(drafts, at);
      await session.transaction(() => chain.appendInTransaction(drafts, at));
    },
    async close() {
      sqlite.close();
      await postgres.close();
      await scratch.drop();
    },
  };
}

function chainOf(session: PostgresSession): ChainAppender {
  return new ProvisionalChain(session);
}

/** PROVISIONAL until pgchain lands: appends in seq order, skipping logged sources (hashes are not SQLite's). */
class ProvisionalChain implements ChainAppender {
  constructor(private readonly session: PostgresSession) {}

  async appendInTransaction(drafts: readonly EventDraft[], at: number): Promise<AppendedEvent[]> {
    const appended: AppendedEvent[] = [];
    const queries = this.session.queries;
    for (const draft of drafts) {
      let [known] = await queries
        .select({ chatId: pg.chatTelegramIds.chatId })
        .from(pg.chatTelegramIds)
        .where(eq(pg.chatTelegramIds.telegramChatId, draft.chat.telegramChatId));
      if (known === undefined) {
        const [chat] = await queries
          .insert(pg.chats)
          .values({ telegramChatId: draft.chat.telegramChatId, type: draft.chat.type, createdAt: at })
          .returning({ id: pg.chats.id });
        await queries
          .insert(pg.chatTelegramIds)
          .values({ telegramChatId: draft.chat.telegramChatId, chatId: chat!.id });
        known = { chatId: chat!.id };
      }
      await this.session.lockUntilCommit(`regbot:chat:${known.chatId}`);
      const [logged] = await queries
        .select({ seq: pg.events.seq })
        .from(pg.events)
        .where(and(eq(pg.events.chatId, known.chatId), eq(pg.events.source, draft.source)));
      if (logged !== undefined) continue;
      const [head] = await queries
        .select({ seq: max(pg.events.seq) })
        .from(pg.events)
        .where(eq(pg.events.chatId, known.chatId));
      const seq = (head?.seq ?? 0) + 1;
      await queries.insert(pg.events).values({
        chatId: known.chatId,
        seq,
        source: draft.source,
        kind: draft.kind,
        prevHash: "",
        hash: "",
        line: JSON.stringify({ payload: draft.payload }),
        receivedAt: at,
      });
      appended.push({ chatId: known.chatId, seq, kind: draft.kind });
    }
    return appended;
  }
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
  twin: PairedDatabases,
  table: StoredTable,
): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  const [inSqlite, inPostgres, key] = TABLES[table];
  const sqliteOrder = key.map((column) => asc((inSqlite as never)[column]));
  const postgresOrder = key.map((column) => asc((inPostgres as never)[column]));
  const sqlite: unknown[] = twin.sqlite.orm
    .select()
    .from(inSqlite)
    .orderBy(...sqliteOrder)
    .all();
  const postgres: unknown[] = await twin.postgres.orm
    .select()
    .from(inPostgres)
    .orderBy(...postgresOrder);
  if (table !== "events") return { sqlite, postgres };
  // PROVISIONAL until pgchain's chain lands: its lines and hashes are not SQLite's.
  const logged = (row: unknown) => {
    const { chatId, seq, source, kind, receivedAt } = row as Record<string, unknown>;
    return { chatId, seq, source, kind, receivedAt };
  };
  return { sqlite: sqlite.map(logged), postgres: postgres.map(logged) };
}

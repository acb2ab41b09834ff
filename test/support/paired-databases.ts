import { asc } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/database.js";
import { openPostgres, type PostgresDatabase } from "../../src/db/postgres/database.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import { PostgresSession } from "../../src/db/postgres/session.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { freshPostgresDatabase, type ScratchPostgres } from "./postgres.js";

/** One SQLite database in memory and one fresh PostgreSQL database, to run the same calls against both. */
export interface PairedDatabases {
  sqlite: Database;
  postgres: PostgresDatabase;
  session: PostgresSession;
  /** Another process on the same PostgreSQL database: a pool and session of its own. */
  anotherProcess(): Promise<PostgresSession>;
  close(): Promise<void>;
}

export async function openPairedDatabases(): Promise<PairedDatabases> {
  const scratch: ScratchPostgres = await freshPostgresDatabase();
  const sqlite = openDatabase(":memory:");
  const postgres = await openPostgres(scratch.url);
  const others: PostgresDatabase[] = [];
  return {
    sqlite,
    postgres,
    session: new PostgresSession(postgres.orm),
    async anotherProcess() {
      const other = await openPostgres(scratch.url);
      others.push(other);
      return new PostgresSession(other.orm);
    },
    async close() {
      sqlite.close();
      for (const database of [postgres, ...others]) await database.close();
      await scratch.drop();
    },
  };
}

/** The rows the correspondence log and its inbox consist of, in a fixed order. */
export function sqliteChainTables({ orm }: Database) {
  const s = sqliteSchema;
  return {
    inbox: orm.select().from(s.inboxUpdates).orderBy(asc(s.inboxUpdates.key)).all(),
    chats: orm.select().from(s.chats).orderBy(asc(s.chats.id)).all(),
    chatTelegramIds: orm.select().from(s.chatTelegramIds).orderBy(asc(s.chatTelegramIds.telegramChatId)).all(),
    events: orm.select().from(s.events).orderBy(asc(s.events.chatId), asc(s.events.seq)).all(),
    people: orm.select().from(s.people).orderBy(asc(s.people.chatId), asc(s.people.userId)).all(),
    frontiers: orm.select().from(s.chainFrontiers).orderBy(asc(s.chainFrontiers.chatId)).all(),
  };
}

export async function postgresChainTables({ orm }: PostgresDatabase) {
  const s = postgresSchema;
  return {
    inbox: await orm.select().from(s.inboxUpdates).orderBy(asc(s.inboxUpdates.key)),
    chats: await orm.select().from(s.chats).orderBy(asc(s.chats.id)),
    chatTelegramIds: await orm.select().from(s.chatTelegramIds).orderBy(asc(s.chatTelegramIds.telegramChatId)),
    events: await orm.select().from(s.events).orderBy(asc(s.events.chatId), asc(s.events.seq)),
    people: await orm.select().from(s.people).orderBy(asc(s.people.chatId), asc(s.people.userId)),
    frontiers: await orm.select().from(s.chainFrontiers).orderBy(asc(s.chainFrontiers.chatId)),
  };
}

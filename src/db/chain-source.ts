import type { StoredLink } from "../domain/evidence-chain.js";
import { ChatRepository, type Chat } from "./chat-repository.js";
import { CorrespondenceRepository } from "./correspondence-repository.js";
import { openDatabaseReadOnly } from "./database.js";
import type { ExportDatabase } from "./export-snapshot.js";
import { PostgresChatRepository } from "./postgres/chat-repository.js";
import { readPostgresChain } from "./postgres/correspondence-reader.js";
import { connectPostgresReadOnly } from "./postgres/database.js";
import { PostgresSession } from "./postgres/session.js";

/** The chats and their logs as `npm run verify` and `npm run export` read them, from SQLite or PostgreSQL. */
export interface ChainSource {
  findById(chatId: number): Promise<Chat | undefined>;
  findByTelegramId(telegramChatId: number): Promise<Chat | undefined>;
  allChats(): Promise<Chat[]>;
  /** The chat's log in sequence order, a page at a time. */
  readChain(chatId: number): AsyncIterable<StoredLink>;
  close(): Promise<void>;
}

/** Read only: SQLite's file opened read-only; PostgreSQL's database as it is (nothing is migrated). */
export async function openChainSource(database: ExportDatabase): Promise<ChainSource> {
  if ("sqlitePath" in database) {
    const sqlite = openDatabaseReadOnly(database.sqlitePath);
    const chats = new ChatRepository(sqlite.orm);
    const correspondence = new CorrespondenceRepository(sqlite.orm);
    return {
      findById: (chatId) => chats.findById(chatId),
      findByTelegramId: (telegramChatId) => chats.findByTelegramId(telegramChatId),
      allChats: () => chats.allChats(),
      readChain: (chatId) => correspondence.readChain(chatId),
      close: async () => sqlite.close(),
    };
  }
  const postgres = connectPostgresReadOnly(database.postgresUrl);
  const chats = new PostgresChatRepository(new PostgresSession(postgres.orm));
  return {
    findById: (chatId) => chats.findById(chatId),
    findByTelegramId: (telegramChatId) => chats.findByTelegramId(telegramChatId),
    allChats: () => chats.allChats(),
    readChain: (chatId) => readPostgresChain(postgres.orm, chatId),
    close: () => postgres.close(),
  };
}

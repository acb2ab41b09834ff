import { asc, eq, sql } from "drizzle-orm";
import type { Chat, ChatJoin, ChatRepository } from "../chat-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { PostgresSession } from "./session.js";
import { chatJoins, chats, chatTelegramIds } from "./schema.js";

/** The lock a transaction holds while it looks a Telegram chat id up to register or link it. */
export function telegramChatLock(telegramChatId: number): string {
  return `regbot:telegram-chat:${telegramChatId}`;
}

/** The chats regbot serves, as `ChatRepository` keeps them on SQLite (with no read cache: other processes write). */
export class PostgresChatRepository implements RepositoryPort<ChatRepository> {
  constructor(private readonly session: PostgresSession) {}

  /** By any Telegram id the chat has had (a group keeps its old id after becoming a supergroup). */
  async findByTelegramId(telegramChatId: number): Promise<Chat | undefined> {
    const [row] = await this.session.queries
      .select({ chat: chats })
      .from(chatTelegramIds)
      .innerJoin(chats, eq(chats.id, chatTelegramIds.chatId))
      .where(eq(chatTelegramIds.telegramChatId, telegramChatId));
    return row?.chat;
  }

  /** Answers later, unlike SQLite's: a caller that needs the language synchronously looks the chat up first. */
  async languageOf(telegramChatId: number): Promise<string | null | undefined> {
    return (await this.findByTelegramId(telegramChatId))?.language;
  }

  async findById(chatId: number): Promise<Chat | undefined> {
    const [chat] = await this.session.queries.select().from(chats).where(eq(chats.id, chatId));
    return chat;
  }

  /** In the order SQLite gives them (its rowid is the id). */
  async allChats(): Promise<Chat[]> {
    return this.session.queries.select().from(chats).orderBy(asc(chats.id));
  }

  async activeChats(): Promise<Chat[]> {
    return this.session.queries.select().from(chats).where(eq(chats.active, true)).orderBy(asc(chats.id));
  }

  /** regbot was removed at `at` (or noticed it then): the earliest such time of an absence is kept. */
  async markRemoved(chatId: number, at: number): Promise<void> {
    await this.session.queries
      .update(chats)
      .set({ active: false, removedAt: sql`least(coalesce(${chats.removedAt}, ${at}), ${at})` })
      .where(eq(chats.id, chatId));
  }

  /** Records how the update `join.updateKey` added regbot; once recorded, the first decision stands. */
  async decideJoin(join: ChatJoin): Promise<ChatJoin> {
    return this.session.transaction(async () => {
      const queries = this.session.queries;
      await queries.insert(chatJoins).values(join).onConflictDoNothing();
      const [decided] = await queries.select().from(chatJoins).where(eq(chatJoins.updateKey, join.updateKey));
      return decided!;
    });
  }

  async markPresent(chatId: number): Promise<void> {
    await this.session.queries.update(chats).set({ active: true, removedAt: null }).where(eq(chats.id, chatId));
  }

  async recordMigration(chatId: number, newTelegramChatId: number): Promise<void> {
    await this.session.transaction(async () => {
      // As an ingest registering the new id does: one of the two links it, the other finds it linked.
      await this.session.lockUntilCommit(telegramChatLock(newTelegramChatId));
      await linkMigratedChat(this.session, chatId, newTelegramChatId);
    });
  }

  async setSeesAllMessages(chatId: number, seesAllMessages: boolean): Promise<void> {
    await this.session.queries.update(chats).set({ seesAllMessages }).where(eq(chats.id, chatId));
  }

  async setLanguage(chatId: number, language: string): Promise<void> {
    await this.session.queries.update(chats).set({ language }).where(eq(chats.id, chatId));
  }
}

/** Telegram moved the group to a new id (it became a supergroup): same chat, new address. In the current transaction. */
export async function linkMigratedChat(
  session: PostgresSession,
  chatId: number,
  newTelegramChatId: number,
): Promise<void> {
  const queries = session.queries;
  await queries.insert(chatTelegramIds).values({ telegramChatId: newTelegramChatId, chatId }).onConflictDoNothing();
  await queries
    .update(chats)
    .set({ telegramChatId: newTelegramChatId, type: "supergroup" })
    .where(eq(chats.id, chatId));
}

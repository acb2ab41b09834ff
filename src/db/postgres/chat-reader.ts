import { asc, eq } from "drizzle-orm";
import type { Chat } from "../chat-repository.js";
import type { PostgresSession } from "./session.js";
import { chats, chatTelegramIds } from "./schema.js";

/** The chats as the read-only tools look them up (as `ChatRepository` does on SQLite). */
export class PostgresChatReader {
  constructor(private readonly session: PostgresSession) {}

  async findById(chatId: number): Promise<Chat | undefined> {
    const [chat] = await this.session.queries.select().from(chats).where(eq(chats.id, chatId));
    return chat;
  }

  /** By any Telegram id the chat has had (a group keeps its old id after becoming a supergroup). */
  async findByTelegramId(telegramChatId: number): Promise<Chat | undefined> {
    const [row] = await this.session.queries
      .select({ chat: chats })
      .from(chatTelegramIds)
      .innerJoin(chats, eq(chats.id, chatTelegramIds.chatId))
      .where(eq(chatTelegramIds.telegramChatId, telegramChatId));
    return row?.chat;
  }

  /** In the order SQLite gives them (its rowid is the id). */
  async allChats(): Promise<Chat[]> {
    return this.session.queries.select().from(chats).orderBy(asc(chats.id));
  }
}

import { eq, sql } from "drizzle-orm";
import type { Orm } from "./database.js";
import { ReadCache } from "./read-cache.js";
import { chatJoins, chats, chatTelegramIds } from "./schema.js";

export type Chat = typeof chats.$inferSelect;
export type ChatJoin = typeof chatJoins.$inferSelect;

export class ChatRepository {
  /** Looked up by several features for nearly every update (the chat's language, its key). */
  private readonly byTelegramId;
  /** Read by every scheduled job and every digest. */
  private readonly byId;

  constructor(private readonly orm: Orm) {
    this.byId = orm
      .select()
      .from(chats)
      .where(eq(chats.id, sql.placeholder("chatId")))
      .prepare();
    const lookup = orm
      .select({ chat: chats })
      .from(chatTelegramIds)
      .innerJoin(chats, eq(chats.id, chatTelegramIds.chatId))
      .where(eq(chatTelegramIds.telegramChatId, sql.placeholder("telegramChatId")))
      .prepare();
    this.byTelegramId = new ReadCache(
      orm,
      [chats, chatTelegramIds],
      (telegramChatId: number) => lookup.get({ telegramChatId })?.chat,
    );
  }

  async findByTelegramId(telegramChatId: number): Promise<Chat | undefined> {
    return this.byTelegramId.get(telegramChatId);
  }

  /** The chat's language setting, synchronously: translations are negotiated inside `ctx.t`, which cannot wait. */
  languageOf(telegramChatId: number): string | null | undefined {
    return this.byTelegramId.get(telegramChatId)?.language;
  }

  async findById(chatId: number): Promise<Chat | undefined> {
    return this.byId.get({ chatId });
  }

  async allChats(): Promise<Chat[]> {
    return this.orm.select().from(chats).all();
  }

  async activeChats(): Promise<Chat[]> {
    return this.orm.select().from(chats).where(eq(chats.active, true)).all();
  }

  /** regbot was removed at `at` (or noticed it then): the earliest such time of an absence is kept. */
  async markRemoved(chatId: number, at: number): Promise<void> {
    this.orm
      .update(chats)
      .set({ active: false, removedAt: sql`min(coalesce(${chats.removedAt}, ${at}), ${at})` })
      .where(eq(chats.id, chatId))
      .run();
  }

  /** Records how the update `join.updateKey` added regbot; once recorded, the first decision stands. */
  async decideJoin(join: ChatJoin): Promise<ChatJoin> {
    this.orm.insert(chatJoins).values(join).onConflictDoNothing().run();
    return this.orm.select().from(chatJoins).where(eq(chatJoins.updateKey, join.updateKey)).get()!;
  }

  async markPresent(chatId: number): Promise<void> {
    this.orm.update(chats).set({ active: true, removedAt: null }).where(eq(chats.id, chatId)).run();
  }

  async recordMigration(chatId: number, newTelegramChatId: number): Promise<void> {
    this.orm.transaction((tx) => linkMigratedChat(tx, chatId, newTelegramChatId));
  }

  async setSeesAllMessages(chatId: number, seesAllMessages: boolean): Promise<void> {
    this.orm.update(chats).set({ seesAllMessages }).where(eq(chats.id, chatId)).run();
  }

  async setLanguage(chatId: number, language: string): Promise<void> {
    this.orm.update(chats).set({ language }).where(eq(chats.id, chatId)).run();
  }
}

/** Telegram moved the group to a new id (it became a supergroup): same chat, new address. */
export function linkMigratedChat(tx: Orm, chatId: number, newTelegramChatId: number): void {
  tx.insert(chatTelegramIds).values({ telegramChatId: newTelegramChatId, chatId }).onConflictDoNothing().run();
  tx.update(chats).set({ telegramChatId: newTelegramChatId, type: "supergroup" }).where(eq(chats.id, chatId)).run();
}

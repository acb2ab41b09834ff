import { eq } from "drizzle-orm";
import type { Orm } from "./database.js";
import { conversationStates } from "./schema.js";

/** Where each person's private conversation with regbot stands; the bot layer owns the state's shape. */
export class ConversationStateRepository {
  constructor(private readonly orm: Orm) {}

  async read<S>(userId: number): Promise<S | undefined> {
    const row = this.orm.select({ state: conversationStates.state }).from(conversationStates).where(eq(conversationStates.userId, userId)).get();
    return row === undefined ? undefined : (JSON.parse(row.state) as S);
  }

  async write<S>(userId: number, state: S, at: number): Promise<void> {
    const json = JSON.stringify(state);
    this.orm
      .insert(conversationStates)
      .values({ userId, state: json, updatedAt: at })
      .onConflictDoUpdate({ target: conversationStates.userId, set: { state: json, updatedAt: at } })
      .run();
  }

  async delete(userId: number): Promise<void> {
    this.orm.delete(conversationStates).where(eq(conversationStates.userId, userId)).run();
  }
}

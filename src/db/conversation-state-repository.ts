import { eq } from "drizzle-orm";
import type { Orm } from "./database.js";
import { conversationStates } from "./schema.js";

/** Where each person's private conversation with regbot stands; the bot layer owns the state's shape. */
export class ConversationStateRepository {
  constructor(private readonly orm: Orm) {}

  async read<S>(userId: number): Promise<S | undefined> {
    const row = this.orm
      .select({ state: conversationStates.state })
      .from(conversationStates)
      .where(eq(conversationStates.userId, userId))
      .get();
    return row === undefined ? undefined : ((JSON.parse(row.state) as S | null) ?? undefined);
  }

  /** The state as it stands after taking in the update `updateKey`. */
  async write<S>(userId: number, state: S, updateKey: number, at: number): Promise<void> {
    const json = JSON.stringify(state);
    this.orm
      .insert(conversationStates)
      .values({ userId, state: json, updateKey, updatedAt: at })
      .onConflictDoUpdate({ target: conversationStates.userId, set: { state: json, updateKey, updatedAt: at } })
      .run();
  }

  /** The last update the person's conversation has taken in, if one is open. */
  async lastUpdateOf(userId: number): Promise<number | undefined> {
    const row = this.orm
      .select({ updateKey: conversationStates.updateKey })
      .from(conversationStates)
      .where(eq(conversationStates.userId, userId))
      .get();
    return row?.updateKey ?? undefined;
  }

  /** No conversation is open any more; which update closed it is kept (state `null`), as for an open one. */
  async close(userId: number, updateKey: number, at: number): Promise<void> {
    await this.write(userId, null, updateKey, at);
  }
}

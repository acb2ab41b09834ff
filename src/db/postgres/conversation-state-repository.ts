import { eq } from "drizzle-orm";
import type { ConversationStateRepository } from "../conversation-state-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { PostgresSession } from "./session.js";
import { conversationStates } from "./schema.js";

/**
 * `ConversationStateRepository` on PostgreSQL: grammY's conversations storage, one row per person.
 * Each write is one upsert, so processes writing at once leave one whole state. The plugin reads
 * a person's state when it begins handling an update and writes it when done, with the handling
 * and its calls to Telegram in between and no transaction spanning them (`PostgresHandling`), so
 * no lock taken here could cover that read-modify-write: it stays whole because a private chat's
 * updates are handled one at a time, in order, whichever process holds them (docs/postgres.md §2).
 */
export class PostgresConversationStateRepository implements RepositoryPort<ConversationStateRepository> {
  constructor(private readonly session: PostgresSession) {}

  async read<S>(userId: number): Promise<S | undefined> {
    const [row] = await this.session.queries
      .select({ state: conversationStates.state })
      .from(conversationStates)
      .where(eq(conversationStates.userId, userId));
    return row === undefined ? undefined : ((JSON.parse(row.state) as S | null) ?? undefined);
  }

  async write<S>(userId: number, state: S, updateKey: number, at: number): Promise<void> {
    const json = JSON.stringify(state);
    await this.session.queries
      .insert(conversationStates)
      .values({ userId, state: json, updateKey, updatedAt: at })
      .onConflictDoUpdate({ target: conversationStates.userId, set: { state: json, updateKey, updatedAt: at } });
  }

  async lastUpdateOf(userId: number): Promise<number | undefined> {
    const [row] = await this.session.queries
      .select({ updateKey: conversationStates.updateKey })
      .from(conversationStates)
      .where(eq(conversationStates.userId, userId));
    return row?.updateKey ?? undefined;
  }

  async close(userId: number, updateKey: number, at: number): Promise<void> {
    await this.write(userId, null, updateKey, at);
  }
}

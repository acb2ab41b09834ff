import { asc, eq, sql } from "drizzle-orm";
import type { DirectReply, DirectReplyRepository } from "../direct-reply-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { PostgresSession } from "./session.js";
import { directReplies } from "./schema.js";

/**
 * `DirectReplyRepository` on PostgreSQL. A reply is recorded once: the primary key (update,
 * method, seq) keeps the first of two processes that handled the same update.
 */
export class PostgresDirectReplyRepository implements RepositoryPort<DirectReplyRepository> {
  constructor(private readonly session: PostgresSession) {}

  async repliesTo(updateKey: number): Promise<DirectReply[]> {
    const rows = await this.session.queries
      .select({ method: directReplies.method, seq: directReplies.seq, result: directReplies.result })
      .from(directReplies)
      .where(eq(directReplies.updateKey, updateKey))
      // SQLite's order: its primary key's, methods compared byte by byte.
      .orderBy(sql`${directReplies.method} collate "C"`, asc(directReplies.seq));
    return rows.map((row) => ({ method: row.method, seq: row.seq, result: JSON.parse(row.result) as unknown }));
  }

  async record(updateKey: number, reply: DirectReply, at: number): Promise<void> {
    await this.session.queries
      .insert(directReplies)
      .values({
        updateKey,
        method: reply.method,
        seq: reply.seq,
        result: JSON.stringify(reply.result ?? null),
        saidAt: at,
      })
      .onConflictDoNothing();
  }
}

import { eq, sql } from "drizzle-orm";
import type { Orm } from "./database.js";
import { directReplies } from "./schema.js";

/** One call regbot made to Telegram while handling an update: the `seq`-th call of `method`. */
export interface DirectReply {
  method: string;
  seq: number;
  result: unknown;
}

/** What was said straight to Telegram in answer to each update, so handling it again says it no more. */
export class DirectReplyRepository {
  /** Asked for every update handled again (a restart's whole backlog), so prepared once. */
  private readonly replies;

  constructor(private readonly orm: Orm) {
    this.replies = orm
      .select({ method: directReplies.method, seq: directReplies.seq, result: directReplies.result })
      .from(directReplies)
      .where(eq(directReplies.updateKey, sql.placeholder("updateKey")))
      .prepare();
  }

  async repliesTo(updateKey: number): Promise<DirectReply[]> {
    return this.replies
      .all({ updateKey })
      .map((row) => ({ method: row.method, seq: row.seq, result: JSON.parse(row.result) as unknown }));
  }

  async record(updateKey: number, reply: DirectReply, at: number): Promise<void> {
    this.orm
      .insert(directReplies)
      .values({
        updateKey,
        method: reply.method,
        seq: reply.seq,
        result: JSON.stringify(reply.result ?? null),
        saidAt: at,
      })
      .onConflictDoNothing()
      .run();
  }
}

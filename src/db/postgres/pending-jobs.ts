import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { PostgresQueries } from "./session.js";
import { chats, jobs } from "./schema.js";

/** Active chats with no job of this kind pending or running: new since a recurring feature, or revived. */
export async function activeChatsWithoutPendingJob(queries: PostgresQueries, kind: string): Promise<number[]> {
  const pending = queries
    .select({ chatId: jobs.chatId })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), inArray(jobs.state, ["pending", "running"])));
  const rows = await queries
    .select({ id: chats.id })
    .from(chats)
    .where(and(eq(chats.active, true), sql`${chats.id} not in ${pending}`))
    // SQLite answers in the order of its scan of `chats`, by id.
    .orderBy(asc(chats.id));
  return rows.map((row) => row.id);
}

import { and, eq, inArray, sql } from "drizzle-orm";
import type { Orm } from "./database.js";
import { chats, jobs } from "./schema.js";

/** Active chats with no job of this kind pending or running: new since a recurring feature, or revived. */
export function activeChatsWithoutPendingJob(orm: Orm, kind: string): number[] {
  const pending = orm
    .select({ chatId: jobs.chatId })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), inArray(jobs.state, ["pending", "running"])));
  return orm
    .select({ id: chats.id })
    .from(chats)
    .where(and(eq(chats.active, true), sql`${chats.id} not in ${pending}`))
    .all()
    .map((row) => row.id);
}

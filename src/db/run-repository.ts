import { desc, eq } from "drizzle-orm";
import type { Orm } from "./database.js";
import { runs } from "./schema.js";

export type Run = typeof runs.$inferSelect;

/** regbot's own starts, heartbeats and stops: the record of when it was (not) listening. */
export class RunRepository {
  constructor(private readonly orm: Orm) {}

  /** Opens a run and returns the one before it (its stop, or last heartbeat if it crashed). */
  async start(now: number): Promise<{ run: Run; previous: Run | undefined }> {
    return this.orm.transaction((tx) => {
      const previous = tx.select().from(runs).orderBy(desc(runs.id)).limit(1).get();
      const run = tx.insert(runs).values({ startedAt: now, lastSeenAt: now }).returning().get();
      return { run, previous };
    });
  }

  async heartbeat(runId: number, now: number, lastTelegramContactAt: number | undefined): Promise<void> {
    this.orm
      .update(runs)
      .set({ lastSeenAt: now, ...(lastTelegramContactAt === undefined ? {} : { lastTelegramContactAt }) })
      .where(eq(runs.id, runId))
      .run();
  }

  async stop(runId: number, now: number): Promise<void> {
    this.orm.update(runs).set({ lastSeenAt: now, stoppedAt: now }).where(eq(runs.id, runId)).run();
  }
}

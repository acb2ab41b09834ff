import { desc, eq } from "drizzle-orm";
import type { RepositoryPort } from "../repository-port.js";
import type { Run, RunRepository } from "../run-repository.js";
import type { PostgresSession } from "./session.js";
import { runs } from "./schema.js";

/** regbot's own starts, heartbeats and stops, as `RunRepository` records them on SQLite. */
export class PostgresRunRepository implements RepositoryPort<RunRepository> {
  constructor(private readonly session: PostgresSession) {}

  /** Opens a run and returns the one before it (its stop, or last heartbeat if it crashed). */
  async start(now: number): Promise<{ run: Run; previous: Run | undefined }> {
    return this.session.transaction(async () => {
      const queries = this.session.queries;
      const [previous] = await queries.select().from(runs).orderBy(desc(runs.id)).limit(1);
      const [run] = await queries.insert(runs).values({ startedAt: now, lastSeenAt: now }).returning();
      return { run: run!, previous };
    });
  }

  async heartbeat(runId: number, now: number, lastTelegramContactAt: number | undefined): Promise<void> {
    await this.session.queries
      .update(runs)
      .set({ lastSeenAt: now, ...(lastTelegramContactAt === undefined ? {} : { lastTelegramContactAt }) })
      .where(eq(runs.id, runId));
  }

  async stop(runId: number, now: number): Promise<void> {
    await this.session.queries.update(runs).set({ lastSeenAt: now, stoppedAt: now }).where(eq(runs.id, runId));
  }
}

import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { RepositoryPort } from "../repository-port.js";
import type { Obligation } from "../obligation-repository.js";
import type { NewWorkPause, PauseOutcome, WorkPause, WorkPauseRepository } from "../work-pause-repository.js";
import { chatChainLock } from "./correspondence-repository.js";
import type { ChainAppender, OutboxWriter } from "./collaborators.js";
import type { PostgresSession } from "./session.js";
import { obligations, workPauses } from "./schema.js";

/** A chat's open obligations due after an instant (of the given kinds, when named), soonest first. */
export function openObligationsDueAfter(
  session: PostgresSession,
  chatId: number,
  after: number,
  kinds?: ReadonlyArray<Obligation["kind"]>,
): Promise<Obligation[]> {
  return (
    session.queries
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, chatId),
          eq(obligations.state, "open"),
          kinds === undefined ? undefined : inArray(obligations.kind, [...kinds]),
          gt(obligations.dueAt, after),
        ),
      )
      // Ties in SQLite's order: it sorts what it read along `obligations_open` (kind, due, confirmed, id).
      .orderBy(
        asc(obligations.dueAt),
        asc(obligations.kind),
        sql`${obligations.confirmedAt} asc nulls first`,
        asc(obligations.id),
      )
  );
}

/** `WorkPauseRepository` on PostgreSQL. */
export class PostgresWorkPauseRepository implements RepositoryPort<WorkPauseRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly correspondence: ChainAppender,
    private readonly outbox: OutboxWriter,
  ) {}

  async forChat(chatId: number): Promise<WorkPause[]> {
    return this.session.queries
      .select()
      .from(workPauses)
      .where(eq(workPauses.chatId, chatId))
      .orderBy(asc(workPauses.startAt), asc(workPauses.id));
  }

  async record(
    pause: NewWorkPause,
    decide: (earlier: WorkPause[], dueAfterStart: Obligation[]) => PauseOutcome,
  ): Promise<PauseOutcome | undefined> {
    return this.session.transaction(async () => {
      // `decide` reads the chat's pauses and deadlines: no other process may change them until this commits.
      await this.session.lockUntilCommit(chatChainLock(pause.chatId));
      const marked = await this.session.queries
        .update(obligations)
        .set({ shiftedAt: pause.createdAt })
        .where(and(eq(obligations.id, pause.causeObligationId), isNull(obligations.shiftedAt)));
      if (marked.rowCount === 0) return undefined;
      const earlier = await this.forChat(pause.chatId);
      const dueAfterStart = await openObligationsDueAfter(this.session, pause.chatId, pause.startAt);
      const outcome = decide(earlier, dueAfterStart);
      await this.session.queries.insert(workPauses).values(pause);
      for (const { obligation, dueAt } of outcome.moves) {
        // Moved past now, it is no longer overdue: a notice at the new deadline is due again.
        const overdueNotifiedAt = dueAt > pause.createdAt ? null : obligation.overdueNotifiedAt;
        await this.session.queries
          .update(obligations)
          .set({ dueAt, overdueNotifiedAt })
          .where(eq(obligations.id, obligation.id));
      }
      await this.correspondence.appendInTransaction(outcome.records, pause.createdAt);
      await this.outbox.enqueueInTransaction([outcome.announcement], pause.createdAt);
      return outcome;
    });
  }
}

import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { EventDraft } from "../../domain/correspondence.js";
import type { CoolingPauseRepository, PauseStart } from "../cooling-pause-repository.js";
import type { Obligation } from "../obligation-repository.js";
import type { OutgoingEdit } from "../outbox-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { ResponseWindow } from "../window-repository.js";
import { chatChainLock } from "./correspondence-repository.js";
import type { ChainAppender, JobWriter, OutboxWriter } from "./collaborators.js";
import type { PostgresSession } from "./session.js";
import { obligations, responseWindows } from "./schema.js";
import { openObligationsDueAfter } from "./work-pause-repository.js";

/** The deadlines a cooling-off pause stops: both sides' requests, revisions and stages. */
const PAUSED_KINDS: Array<Obligation["kind"]> = ["request", "revision", "stage"];

/**
 * `CoolingPauseRepository` on PostgreSQL. Each answer to a proposal locks its chat first, then
 * changes the proposal only while it awaits an answer: of an acceptance, a refusal and a lapse
 * racing in different processes, the first to commit wins and the others change nothing.
 */
export class PostgresCoolingPauseRepository implements RepositoryPort<CoolingPauseRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly correspondence: ChainAppender,
    private readonly outbox: OutboxWriter,
    private readonly jobs: JobWriter,
  ) {}

  async start(
    pause: Obligation,
    accepted: { acceptedAt: number; acceptedBy: number; endsAt: number },
    decide: (waiting: ResponseWindow | undefined, dueAfterStart: Obligation[]) => PauseStart,
  ): Promise<PauseStart | undefined> {
    const { acceptedAt } = accepted;
    return this.session.transaction(async () => {
      // `decide` reads the chat's window and deadlines: nobody else moves them until this commits.
      await this.session.lockUntilCommit(chatChainLock(pause.chatId));
      const changed = await this.session.queries
        .update(obligations)
        .set({ confirmedAt: acceptedAt, confirmedBy: accepted.acceptedBy, dueAt: accepted.endsAt })
        .where(awaitingAnswer(pause.id));
      if (changed.rowCount === 0) return undefined;
      const [waiting] = await this.session.queries
        .select()
        .from(responseWindows)
        .where(
          and(
            eq(responseWindows.chatId, pause.chatId),
            eq(responseWindows.state, "open"),
            gt(responseWindows.dueAt, acceptedAt),
          ),
        )
        .orderBy(asc(responseWindows.id))
        .limit(1);
      const dueAfterStart = await openObligationsDueAfter(this.session, pause.chatId, acceptedAt, PAUSED_KINDS);
      const start = decide(waiting, dueAfterStart);
      if (start.window !== undefined)
        await this.session.queries
          .update(responseWindows)
          .set({ dueAt: start.window.dueAt, warnAt: start.window.warnAt })
          .where(eq(responseWindows.id, start.window.window.id));
      for (const { obligation, dueAt } of start.moves)
        await this.session.queries.update(obligations).set({ dueAt }).where(eq(obligations.id, obligation.id));
      await this.correspondence.appendInTransaction(start.records, acceptedAt);
      await this.outbox.enqueueInTransaction([start.announcement], acceptedAt);
      await this.jobs.scheduleInTransaction(start.end);
      return start;
    });
  }

  async decline(pauseId: number, by: number, at: number, record: EventDraft): Promise<boolean> {
    return this.session.transaction(async () => {
      if (!(await this.lockChatOf(pauseId))) return false;
      const changed = await this.session.queries
        .update(obligations)
        .set({ state: "cancelled", closedAt: at, closedBy: by })
        .where(awaitingAnswer(pauseId));
      if (changed.rowCount === 0) return false;
      await this.correspondence.appendInTransaction([record], at);
      return true;
    });
  }

  /**
   * Closes a proposal nobody answered, once, in the current transaction (the scheduler's, which
   * records the job with it); throws outside one. False when it was answered first.
   */
  async lapseWithin(
    pauseId: number,
    lapsedAt: number,
    at: number,
    record: EventDraft,
    edits: readonly OutgoingEdit[],
  ): Promise<boolean> {
    if (!this.session.inTransaction) throw new Error("a pause's lapse is recorded in its job's transaction");
    if (!(await this.lockChatOf(pauseId))) return false;
    const changed = await this.session.queries
      .update(obligations)
      .set({ state: "cancelled", closedAt: lapsedAt, closedBy: null })
      .where(awaitingAnswer(pauseId));
    if (changed.rowCount === 0) return false;
    await this.correspondence.appendInTransaction([record], at);
    await this.outbox.enqueueEditsInTransaction(edits, at);
    return true;
  }

  /** Locks the proposal's chat before its row (the order every chat's writer keeps); false when there is no such obligation. */
  private async lockChatOf(pauseId: number): Promise<boolean> {
    const [found] = await this.session.queries
      .select({ chatId: obligations.chatId })
      .from(obligations)
      .where(eq(obligations.id, pauseId));
    if (found === undefined) return false;
    await this.session.lockUntilCommit(chatChainLock(found.chatId));
    return true;
  }
}

function awaitingAnswer(pauseId: number) {
  return and(
    eq(obligations.id, pauseId),
    eq(obligations.kind, "pause"),
    eq(obligations.state, "open"),
    isNull(obligations.confirmedAt),
  );
}

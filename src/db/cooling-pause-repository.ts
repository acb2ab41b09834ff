import { and, eq, gt, isNull } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import type { Orm } from "./database.js";
import type { JobRepository, NewJob } from "./job-repository.js";
import type { Obligation } from "./obligation-repository.js";
import type { OutboxRepository, OutgoingEdit, OutgoingMessage } from "./outbox-repository.js";
import { obligations, responseWindows } from "./schema.js";
import type { ResponseWindow } from "./window-repository.js";
import { openObligationsDueAfter } from "./work-pause-repository.js";

/** The deadlines a cooling-off pause stops: both sides' requests, revisions and stages. */
const PAUSED_KINDS: Array<Obligation["kind"]> = ["request", "revision", "stage"];

/** What starting a pause changes: the deadlines it moves, their events, the announcement and the job that ends it. */
export interface PauseStart {
  window?: { window: ResponseWindow; dueAt: number; warnAt: number | null };
  moves: Array<{ obligation: Obligation; dueAt: number }>;
  records: EventDraft[];
  announcement: OutgoingMessage;
  end: NewJob;
}

/** Cooling-off pauses (obligations of kind `pause`): accepted by the other side, they stop every clock of the chat. */
export class CoolingPauseRepository {
  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobRepository,
  ) {}

  /**
   * Accepts a proposal once: it runs from `acceptedAt` to `endsAt`. `decide` gets the window
   * waiting for an answer and the open deadlines due after the start, and says where they move;
   * the moves, events, announcement and ending job go in the same transaction. Undefined when
   * the proposal was already answered.
   */
  async start(
    pause: Obligation,
    accepted: { acceptedAt: number; acceptedBy: number; endsAt: number },
    decide: (waiting: ResponseWindow | undefined, dueAfterStart: Obligation[]) => PauseStart,
  ): Promise<PauseStart | undefined> {
    const { acceptedAt } = accepted;
    return this.orm.transaction((tx) => {
      const changed = tx
        .update(obligations)
        .set({ confirmedAt: acceptedAt, confirmedBy: accepted.acceptedBy, dueAt: accepted.endsAt })
        .where(awaitingAnswer(pause.id))
        .run().changes;
      if (changed === 0) return undefined;
      const waiting = tx
        .select()
        .from(responseWindows)
        .where(
          and(
            eq(responseWindows.chatId, pause.chatId),
            eq(responseWindows.state, "open"),
            gt(responseWindows.dueAt, acceptedAt),
          ),
        )
        .get();
      const dueAfterStart = openObligationsDueAfter(tx, pause.chatId, acceptedAt, PAUSED_KINDS);
      const start = decide(waiting, dueAfterStart);
      if (start.window !== undefined)
        tx.update(responseWindows)
          .set({ dueAt: start.window.dueAt, warnAt: start.window.warnAt })
          .where(eq(responseWindows.id, start.window.window.id))
          .run();
      for (const { obligation, dueAt } of start.moves)
        tx.update(obligations).set({ dueAt }).where(eq(obligations.id, obligation.id)).run();
      this.correspondence.appendWithin(tx, start.records, acceptedAt);
      this.outbox.enqueueWithin(tx, [start.announcement], acceptedAt);
      this.jobs.scheduleWithin(tx, start.end);
      return start;
    });
  }

  /** The other side declines a proposal (or its proposer withdraws it); false when it was already answered. */
  async decline(pauseId: number, by: number, at: number, record: EventDraft): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const changed = tx
        .update(obligations)
        .set({ state: "cancelled", closedAt: at, closedBy: by })
        .where(awaitingAnswer(pauseId))
        .run().changes;
      if (changed > 0) this.correspondence.appendWithin(tx, [record], at);
      return changed > 0;
    });
  }

  /**
   * Closes a proposal nobody answered, once: its lapse is logged and its message edited (its
   * buttons go); false when it was answered first. Its job calls it from `recordWith`, so it joins
   * the tick's transaction that records the job.
   */
  lapseWithin(
    pauseId: number,
    lapsedAt: number,
    at: number,
    record: EventDraft,
    edits: readonly OutgoingEdit[],
  ): boolean {
    const changed = this.orm
      .update(obligations)
      .set({ state: "cancelled", closedAt: lapsedAt, closedBy: null })
      .where(awaitingAnswer(pauseId))
      .run().changes;
    if (changed === 0) return false;
    this.correspondence.appendWithin(this.orm, [record], at);
    this.outbox.enqueueEditsWithin(this.orm, edits, at);
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

import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import type { Orm } from "./database.js";
import type { Obligation } from "./obligation-repository.js";
import type { OutboxRepository, OutgoingMessage } from "./outbox-repository.js";
import { obligations, workPauses } from "./schema.js";

export type WorkPause = typeof workPauses.$inferSelect;
export type NewWorkPause = Omit<WorkPause, "id">;

/** A chat's open obligations due after an instant (of the given kinds, when named), soonest first. */
export function openObligationsDueAfter(
  orm: Pick<Orm, "select">,
  chatId: number,
  after: number,
  kinds?: ReadonlyArray<Obligation["kind"]>,
): Obligation[] {
  return orm
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
    .orderBy(asc(obligations.dueAt))
    .all();
}

/** What recording a pause changes: the deadlines it moves, their events and the announcement. */
export interface PauseOutcome {
  moves: Array<{ obligation: Obligation; dueAt: number }>;
  records: EventDraft[];
  announcement: OutgoingMessage;
}

/** Time the work waited on the client, kept as pause intervals in the specialist's clocks. */
export class WorkPauseRepository {
  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async forChat(chatId: number): Promise<WorkPause[]> {
    return this.orm
      .select()
      .from(workPauses)
      .where(eq(workPauses.chatId, chatId))
      .orderBy(asc(workPauses.startAt))
      .all();
  }

  /**
   * Records the waiting on a request once (marking it shifted) and moves deadlines as `decide`
   * says, given the chat's earlier pauses and its open obligations due after the waiting began;
   * the events and the announcement go in the same transaction. Undefined when already recorded.
   */
  async record(
    pause: NewWorkPause,
    decide: (earlier: WorkPause[], dueAfterStart: Obligation[]) => PauseOutcome,
  ): Promise<PauseOutcome | undefined> {
    return this.orm.transaction((tx) => {
      const marked = tx
        .update(obligations)
        .set({ shiftedAt: pause.createdAt })
        .where(and(eq(obligations.id, pause.causeObligationId), isNull(obligations.shiftedAt)))
        .run().changes;
      if (marked === 0) return undefined;
      const earlier = tx
        .select()
        .from(workPauses)
        .where(eq(workPauses.chatId, pause.chatId))
        .orderBy(asc(workPauses.startAt))
        .all();
      const dueAfterStart = openObligationsDueAfter(tx, pause.chatId, pause.startAt);
      const outcome = decide(earlier, dueAfterStart);
      tx.insert(workPauses).values(pause).run();
      for (const { obligation, dueAt } of outcome.moves) {
        // Moved past now, it is no longer overdue: a notice at the new deadline is due again.
        const overdueNotifiedAt = dueAt > pause.createdAt ? null : obligation.overdueNotifiedAt;
        tx.update(obligations).set({ dueAt, overdueNotifiedAt }).where(eq(obligations.id, obligation.id)).run();
      }
      this.correspondence.appendWithin(tx, outcome.records, pause.createdAt);
      this.outbox.enqueueWithin(tx, [outcome.announcement], pause.createdAt);
      return outcome;
    });
  }
}

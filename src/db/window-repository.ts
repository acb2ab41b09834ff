import { and, eq, isNull, sql } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import { askedQuestion, type AskedQuestion } from "../domain/status/answer-series.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import { connectionOf, type Orm } from "./database.js";
import { reportWrite } from "./read-cache.js";
import { responseWindows } from "./schema.js";

/** What opening, answering or closing a window writes: read caches over other tables keep their answers (every client and specialist message writes one). */
const WINDOW_TABLES = [responseWindows];

export type ResponseWindow = typeof responseWindows.$inferSelect;
export type DismissReason = NonNullable<ResponseWindow["dismissReason"]>;
export const DISMISS_REASONS: readonly DismissReason[] = ["thanks", "elsewhere", "not-request"];
export type NewWindow = Pick<
  ResponseWindow,
  "chatId" | "openedAt" | "openedByMessageId" | "regulationVersion" | "dueAt" | "warnAt"
>;

export interface WindowAnswer {
  answeredAt: number;
  answeredBy: number;
  answerMessageId: number;
  businessMinutes: number;
  onTime: boolean;
}

/** Response windows; every opening, answer and breach is also an event in the chat's log. */
export class WindowRepository {
  /** Read for every client message, every status, every digest and every window's job, so prepared once. */
  private readonly statements;
  private readonly questions;
  private readonly escalations;

  /**
   * Opening and answering run for most client and specialist messages: better-sqlite3's
   * transactions made once, instead of drizzle's, which builds a database object for each call.
   */
  private readonly openTransaction: (
    window: NewWindow,
    record: (windowId: number) => EventDraft,
    at: number,
  ) => { window: ResponseWindow; opened: boolean };
  private readonly answerTransaction: (
    windowId: number,
    answer: WindowAnswer,
    record: EventDraft,
    at: number,
  ) => boolean;

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
  ) {
    // Read for every digest, status and manager's summary: each window of the period looks up its escalation.
    this.escalations = connectionOf(orm)
      .prepare(`select count(*) from response_windows w join events e
        on e.chat_id = w.chat_id and e.source = 'window:' || w.id || ':escalated'
        where w.chat_id = ? and w.opened_at >= ? and w.opened_at < ?`)
      .pluck();
    // Hundreds of rows for a status, a digest or a chat view's chart: read as arrays straight from the
    // connection (drizzle's mapping of each cell cost more than the query).
    this.questions = connectionOf(orm)
      .prepare(`select opened_at, due_at, answered_at, business_minutes, dismissed_at from response_windows
        where chat_id = ? and opened_at >= ? and opened_at < ?`)
      .raw();
    this.statements = {
      awaitingAnswer: orm
        .select()
        .from(responseWindows)
        .where(
          and(
            eq(responseWindows.chatId, sql.placeholder("chatId")),
            isNull(responseWindows.answeredAt),
            isNull(responseWindows.dismissedAt),
          ),
        )
        .prepare(),
      byId: orm
        .select()
        .from(responseWindows)
        .where(eq(responseWindows.id, sql.placeholder("windowId")))
        .prepare(),
      insert: orm
        .insert(responseWindows)
        .values(
          Object.fromEntries(
            (["chatId", "openedAt", "openedByMessageId", "regulationVersion", "dueAt", "warnAt"] as const).map(
              (column) => [column, sql.placeholder(column)],
            ),
          ) as unknown as NewWindow,
        )
        .returning()
        .prepare(),
      answer: orm
        .update(responseWindows)
        .set(
          Object.fromEntries(
            (["answeredAt", "answeredBy", "answerMessageId", "businessMinutes", "state"] as const).map((column) => [
              column,
              sql.placeholder(column),
            ]),
          ) as never,
        )
        .where(
          and(
            eq(responseWindows.id, sql.placeholder("windowId")),
            isNull(responseWindows.answeredAt),
            isNull(responseWindows.dismissedAt),
          ),
        )
        .prepare(),
      // Thousands in one tick when many answers are late at once.
      breach: orm
        .update(responseWindows)
        .set({ state: "breached", breachedAt: sql.placeholder("at") as never })
        .where(
          and(
            eq(responseWindows.id, sql.placeholder("windowId")),
            eq(responseWindows.state, "open"),
            isNull(responseWindows.answeredAt),
          ),
        )
        .prepare(),
    };
    const connection = connectionOf(orm);
    this.openTransaction = connection.transaction(
      (window: NewWindow, record: (windowId: number) => EventDraft, at: number) => {
        const waiting = this.statements.awaitingAnswer.get({ chatId: window.chatId });
        if (waiting !== undefined) return { window: waiting, opened: false };
        const opened = this.statements.insert.get(window)!;
        this.correspondence.appendWithin(orm, [record(opened.id)], at);
        return { window: opened, opened: true };
      },
    );
    this.answerTransaction = connection.transaction(
      (windowId: number, { onTime, ...answered }: WindowAnswer, record: EventDraft, at: number) => {
        const changed = this.statements.answer.run({
          windowId,
          ...answered,
          state: onTime ? "answered" : "breached",
        }).changes;
        if (changed > 0) this.correspondence.appendWithin(orm, [record], at);
        return changed > 0;
      },
    );
  }

  /** The chat's window still waiting for an answer (open, or already past due). */
  async awaitingAnswer(chatId: number): Promise<ResponseWindow | undefined> {
    return this.statements.awaitingAnswer.get({ chatId });
  }

  async find(windowId: number): Promise<ResponseWindow | undefined> {
    return this.statements.byId.get({ windowId });
  }

  /** Opens a window unless one already waits for an answer (then the message joins it). */
  async open(
    window: NewWindow,
    record: (windowId: number) => EventDraft,
    at: number,
  ): Promise<{ window: ResponseWindow; opened: boolean }> {
    return this.recorded(() => this.openTransaction(window, record, at));
  }

  async answer(windowId: number, answer: WindowAnswer, record: EventDraft, at: number): Promise<boolean> {
    return this.recorded(() => this.answerTransaction(windowId, answer, record, at));
  }

  private recorded<T>(write: () => T): T {
    return reportWrite(this.orm, write, () => WINDOW_TABLES);
  }

  /** A specialist said the message needs no answer: the window closes as dismissed, once, with who and why. */
  async dismiss(
    windowId: number,
    dismissal: { at: number; by: number; reason: DismissReason },
    record: EventDraft,
  ): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const changed = tx
        .update(responseWindows)
        .set({
          state: "dismissed",
          dismissedAt: dismissal.at,
          dismissedBy: dismissal.by,
          dismissReason: dismissal.reason,
        })
        .where(
          and(
            eq(responseWindows.id, windowId),
            eq(responseWindows.state, "open"),
            isNull(responseWindows.answeredAt),
            isNull(responseWindows.dismissedAt),
          ),
        )
        .run().changes;
      if (changed > 0) this.correspondence.appendWithin(tx, [record], dismissal.at);
      return changed > 0;
    });
  }

  /**
   * Records the breach once, if the window is still unanswered and open. Its job calls it from
   * `recordWith`, so it joins the tick's transaction that records the job and its notice.
   */
  markBreached(windowId: number, record: EventDraft, at: number): boolean {
    return this.recorded(
      connectionOf(this.orm).transaction(() => {
        const changed = this.statements.breach.run({ windowId, at }).changes > 0;
        if (changed) this.correspondence.appendWithin(this.orm, [record], at);
        return changed;
      }),
    );
  }

  /** The questions of windows opened in [from, to), as the statistics and the answer chart count them: five columns, not the whole row. */
  async questionsBetween(chatId: number, from: number, to: number): Promise<AskedQuestion[]> {
    const rows = this.questions.all(chatId, from, to) as Array<
      [number, number, number | null, number | null, number | null]
    >;
    return rows.map((columns) => askedQuestion(...columns));
  }

  /**
   * How many of the windows opened in [from, to) reached the manager: an escalation is logged once
   * per window, under the source `window:<id>:escalated`, so the log's source index finds each.
   */
  async escalatedBetween(chatId: number, from: number, to: number): Promise<number> {
    return this.escalations.get(chatId, from, to) as number;
  }
}

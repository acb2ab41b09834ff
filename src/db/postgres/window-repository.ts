import { and, asc, count, eq, gte, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { EventDraft } from "../../domain/correspondence.js";
import { type AskedQuestion, askedQuestion } from "../../domain/status/answer-series.js";
import type { RepositoryPort } from "../repository-port.js";
import type { DismissReason, NewWindow, ResponseWindow, WindowAnswer, WindowRepository } from "../window-repository.js";
import type { ChainAppender } from "./collaborators.js";
import { chatChainLock } from "./correspondence-repository.js";
import { events, responseWindows } from "./schema.js";
import type { PostgresSession } from "./session.js";

const awaited = and(isNull(responseWindows.answeredAt), isNull(responseWindows.dismissedAt));

/**
 * `WindowRepository` on PostgreSQL. Every write takes its chat's lock (`regbot:chat:<id>`) before
 * it reads or changes a window: opening reads whether one already waits, and the chain's append
 * takes that lock anyway, so taking it first keeps one order (chat, then rows) for every writer,
 * where a window locked before its chat (a breach) would deadlock with an answer being handled.
 */
export class PostgresWindowRepository implements RepositoryPort<WindowRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly chain: ChainAppender,
  ) {}

  /** The chat's window still waiting for an answer (open, or already past due). */
  async awaitingAnswer(chatId: number): Promise<ResponseWindow | undefined> {
    const [waiting] = await this.session.queries
      .select()
      .from(responseWindows)
      .where(and(eq(responseWindows.chatId, chatId), awaited))
      .orderBy(asc(responseWindows.id))
      .limit(1);
    return waiting;
  }

  async find(windowId: number): Promise<ResponseWindow | undefined> {
    const [found] = await this.session.queries.select().from(responseWindows).where(eq(responseWindows.id, windowId));
    return found;
  }

  /** Opens a window unless one already waits for an answer (then the message joins it). */
  async open(
    window: NewWindow,
    record: (windowId: number) => EventDraft,
    at: number,
  ): Promise<{ window: ResponseWindow; opened: boolean }> {
    return this.session.transaction(async () => {
      await this.lockChat(window.chatId);
      const waiting = await this.awaitingAnswer(window.chatId);
      if (waiting !== undefined) return { window: waiting, opened: false };
      const [opened] = await this.session.queries.insert(responseWindows).values(window).returning();
      await this.chain.appendInTransaction([record(opened!.id)], at);
      return { window: opened!, opened: true };
    });
  }

  async answer(
    windowId: number,
    { onTime, ...answered }: WindowAnswer,
    record: EventDraft,
    at: number,
  ): Promise<boolean> {
    return this.changeWhere(windowId, { ...answered, state: onTime ? "answered" : "breached" }, at, record, awaited);
  }

  /** A specialist said the message needs no answer: the window closes as dismissed, once, with who and why. */
  async dismiss(
    windowId: number,
    dismissal: { at: number; by: number; reason: DismissReason },
    record: EventDraft,
  ): Promise<boolean> {
    return this.changeWhere(
      windowId,
      { state: "dismissed", dismissedAt: dismissal.at, dismissedBy: dismissal.by, dismissReason: dismissal.reason },
      dismissal.at,
      record,
      and(eq(responseWindows.state, "open"), awaited),
    );
  }

  /** Records the breach once, if the window is still unanswered and open. */
  async markBreached(windowId: number, record: EventDraft, at: number): Promise<boolean> {
    return this.changeWhere(
      windowId,
      { state: "breached", breachedAt: at },
      at,
      record,
      and(eq(responseWindows.state, "open"), isNull(responseWindows.answeredAt)),
    );
  }

  /** The questions of windows opened in [from, to), as the statistics and the answer chart count them: five columns, not the whole row. */
  async questionsBetween(chatId: number, from: number, to: number): Promise<AskedQuestion[]> {
    const rows = await this.session.queries
      .select({
        askedAt: responseWindows.openedAt,
        dueAt: responseWindows.dueAt,
        answeredAt: responseWindows.answeredAt,
        businessMinutes: responseWindows.businessMinutes,
        dismissedAt: responseWindows.dismissedAt,
      })
      .from(responseWindows)
      .where(this.openedBetween(chatId, from, to))
      // SQLite's order, unasked: its index on (chat, opened at), then the row id.
      .orderBy(asc(responseWindows.openedAt), asc(responseWindows.id));
    return rows.map(({ askedAt, dueAt, answeredAt, businessMinutes, dismissedAt }) =>
      askedQuestion(askedAt, dueAt, answeredAt, businessMinutes, dismissedAt),
    );
  }

  /**
   * How many of the windows opened in [from, to) reached the manager: an escalation is logged once
   * per window, under the source `window:<id>:escalated`, so the log's source index finds each.
   */
  async escalatedBetween(chatId: number, from: number, to: number): Promise<number> {
    const [row] = await this.session.queries
      .select({ escalated: count() })
      .from(responseWindows)
      .innerJoin(
        events,
        and(
          eq(events.chatId, responseWindows.chatId),
          eq(events.source, sql`'window:' || ${responseWindows.id} || ':escalated'`),
        ),
      )
      .where(this.openedBetween(chatId, from, to));
    return row?.escalated ?? 0;
  }

  private openedBetween(chatId: number, from: number, to: number) {
    return and(
      eq(responseWindows.chatId, chatId),
      gte(responseWindows.openedAt, from),
      lt(responseWindows.openedAt, to),
    );
  }

  /** The change and its event, only while `condition` holds: a window another process changed first is left alone. */
  private async changeWhere(
    windowId: number,
    set: Partial<ResponseWindow>,
    at: number,
    record: EventDraft,
    condition: SQL | undefined,
  ): Promise<boolean> {
    return this.session.transaction(async () => {
      const [owner] = await this.session.queries
        .select({ chatId: responseWindows.chatId })
        .from(responseWindows)
        .where(eq(responseWindows.id, windowId));
      if (owner === undefined) return false;
      await this.lockChat(owner.chatId);
      const changed = await this.session.queries
        .update(responseWindows)
        .set(set)
        .where(and(eq(responseWindows.id, windowId), condition));
      if ((changed.rowCount ?? 0) === 0) return false;
      await this.chain.appendInTransaction([record], at);
      return true;
    });
  }

  private lockChat(chatId: number): Promise<void> {
    return this.session.lockUntilCommit(chatChainLock(chatId));
  }
}

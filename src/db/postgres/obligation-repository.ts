import { and, asc, between, count, desc, eq, gt, inArray, isNull, like, ne, or, type SQL, sql } from "drizzle-orm";
import type { EventDraft } from "../../domain/correspondence.js";
import type { NewObligation, Obligation, ObligationChange, ObligationRepository } from "../obligation-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { ChainAppender } from "./collaborators.js";
import { chatChainLock } from "./correspondence-repository.js";
import { events, obligations } from "./schema.js";
import type { PostgresSession } from "./session.js";

/** The order SQLite answers in, unasked: its index on (chat, kind, state, business days late), then the row id. */
const IN_SQLITE_INDEX_ORDER = [sql`${obligations.businessDaysLate} asc nulls first`, asc(obligations.id)];

/**
 * `ObligationRepository` on PostgreSQL. Every write takes its chat's lock (`regbot:chat:<id>`)
 * before it reads or changes a row: numbering reads the chat's last number, and the chain's
 * append takes that lock anyway, so taking it first keeps one order (chat, then rows) for every
 * writer, where a row locked before the chat would deadlock with the chat's handling.
 */
export class PostgresObligationRepository implements RepositoryPort<ObligationRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly chain: ChainAppender,
  ) {}

  /** Numbers it after the chat's last of its kind (R1, R2…). */
  async create(obligation: NewObligation, record: (created: Obligation) => EventDraft): Promise<Obligation> {
    return this.session.transaction(async () => {
      await this.lockChat(obligation.chatId);
      const created = await this.insertNumbered(obligation);
      await this.chain.appendInTransaction([record(created)], obligation.createdAt);
      return created;
    });
  }

  async find(id: number): Promise<Obligation | undefined> {
    const [found] = await this.session.queries.select().from(obligations).where(eq(obligations.id, id));
    return found;
  }

  async byNumber(chatId: number, kind: Obligation["kind"], number: number): Promise<Obligation | undefined> {
    const [found] = await this.session.queries
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, chatId), eq(obligations.kind, kind), eq(obligations.number, number)));
    return found;
  }

  async open(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    return this.session.queries
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, chatId), eq(obligations.kind, kind), eq(obligations.state, "open")))
      .orderBy(...IN_SQLITE_INDEX_ORDER);
  }

  /** Those of a kind still to settle: open, or delivered and waiting for acceptance (revisions), oldest first. */
  async unsettled(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    return this.session.queries
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, chatId),
          eq(obligations.kind, kind),
          inArray(obligations.state, ["open", "delivered"]),
        ),
      )
      .orderBy(asc(obligations.number));
  }

  /** The business days by which those of a kind were provided late, in total, summed in SQL (a chat may have thousands). */
  async businessDaysLateWhenDone(chatId: number, kind: Obligation["kind"]): Promise<number> {
    const [row] = await this.session.queries
      .select({ days: sql<number | null>`sum(${obligations.businessDaysLate})`.mapWith(Number) })
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, chatId),
          eq(obligations.kind, kind),
          eq(obligations.state, "done"),
          gt(obligations.businessDaysLate, 0),
        ),
      );
    return row?.days ?? 0;
  }

  /** Calls confirmed as missed, by the side that missed them. */
  async missedCallCounts(chatId: number): Promise<{ client: number; specialist: number }> {
    const rows = await this.session.queries
      .select({ side: obligations.missedSide, count: count() })
      .from(obligations)
      .where(
        and(eq(obligations.chatId, chatId), eq(obligations.kind, "call"), eq(obligations.missedState, "confirmed")),
      )
      .groupBy(obligations.missedSide);
    const of = (side: "client" | "specialist") => rows.find((row) => row.side === side)?.count ?? 0;
    return { client: of("client"), specialist: of("specialist") };
  }

  /** What was provided, delivered, completed or held in [from, to], in the order it happened (for the digest). */
  async settledBetween(chatId: number, from: number, to: number): Promise<Obligation[]> {
    return this.session.queries
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, chatId),
          ne(obligations.state, "cancelled"),
          or(between(obligations.closedAt, from, to), between(obligations.deliveredAt, from, to)),
        ),
      )
      .orderBy(asc(sql`coalesce(${obligations.deliveredAt}, ${obligations.closedAt})`), asc(obligations.id));
  }

  /** Closes it once; false when it was already closed. */
  async close(
    id: number,
    closing: { closedAt: number; closedBy: number; businessDaysLate: number },
    record: EventDraft,
  ): Promise<boolean> {
    return this.changeWhere(id, { state: "done", ...closing }, closing.closedAt, record, eq(obligations.state, "open"));
  }

  /** The one a command created, so handling its update again creates nothing new. */
  async bySource(chatId: number, kind: Obligation["kind"], sourceMessageId: number): Promise<Obligation | undefined> {
    const [found] = await this.session.queries
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, chatId),
          eq(obligations.kind, kind),
          eq(obligations.sourceMessageId, sourceMessageId),
        ),
      )
      .orderBy(asc(obligations.state), ...IN_SQLITE_INDEX_ORDER)
      .limit(1);
    return found;
  }

  /** Every one of a kind in the chat, whatever its state, in number order (S1, S2…). */
  async ofKind(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    return this.session.queries
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, chatId), eq(obligations.kind, kind)))
      .orderBy(asc(obligations.number));
  }

  /** Renames an open one; false when it is closed. */
  async rename(id: number, description: string, at: number, record: EventDraft): Promise<boolean> {
    return this.changeOpen(id, { description }, at, record);
  }

  /** Moves an open one's deadline; a new deadline may pass again, so its overdue notice is due again. */
  async move(id: number, dueAt: number, at: number, record: EventDraft): Promise<boolean> {
    return this.changeOpen(id, { dueAt, overdueNotifiedAt: null }, at, record);
  }

  /** The other side agrees to a proposed call, once. */
  async confirmCall(id: number, by: number, at: number, record: EventDraft): Promise<boolean> {
    return this.changeOpen(id, { confirmedAt: at, confirmedBy: by }, at, record, isNull(obligations.confirmedAt));
  }

  /** Takes an open one off the list (a declined or unconfirmed call). */
  async cancel(id: number, by: number | null, at: number, record: EventDraft): Promise<boolean> {
    return this.changeOpen(id, { state: "cancelled", closedAt: at, closedBy: by }, at, record);
  }

  /** Cancels an open one and creates what replaces it, at once (a call at another time); undefined when it was closed. */
  async replace(
    id: number,
    by: number,
    replacement: NewObligation,
    record: { cancelled: EventDraft; created: (created: Obligation) => EventDraft },
  ): Promise<Obligation | undefined> {
    return this.session.transaction(async () => {
      await this.lockChat(replacement.chatId);
      const at = replacement.createdAt;
      const changed = await this.session.queries
        .update(obligations)
        .set({ state: "cancelled", closedAt: at, closedBy: by })
        .where(and(eq(obligations.id, id), eq(obligations.state, "open")));
      if ((changed.rowCount ?? 0) === 0) return undefined;
      const created = await this.insertNumbered(replacement);
      await this.chain.appendInTransaction([record.cancelled, record.created(created)], at);
      return created;
    });
  }

  /** A call's written record closes it; minutes the other side disputed may be written again. */
  async postMinutes(
    id: number,
    minutes: { text: string; by: number; at: number },
    record: EventDraft,
  ): Promise<boolean> {
    const mayPost = and(
      inArray(obligations.state, ["open", "done"]),
      or(isNull(obligations.minutesState), eq(obligations.minutesState, "disputed")),
    );
    return this.changeWhere(
      id,
      {
        minutes: minutes.text,
        minutesBy: minutes.by,
        minutesAt: minutes.at,
        minutesState: "posted",
        state: "done",
        closedAt: minutes.at,
        closedBy: minutes.by,
      },
      minutes.at,
      record,
      mayPost,
    );
  }

  /** The other side confirms or disputes posted minutes, once per posting. */
  async judgeMinutes(id: number, verdict: "confirmed" | "disputed", at: number, record: EventDraft): Promise<boolean> {
    return this.changeWhere(id, { minutesState: verdict }, at, record, eq(obligations.minutesState, "posted"));
  }

  /** Notes the overdue notice once; false when it was already given or the obligation is closed. */
  async markOverdueNotified(id: number, at: number, record: EventDraft): Promise<boolean> {
    return this.changeOpen(id, { overdueNotifiedAt: at }, at, record, isNull(obligations.overdueNotifiedAt));
  }

  /** Says a call was missed, or judges that; `expected` is the missed state it must still be in (none, or disputed, to report). */
  async changeMissedCall(
    id: number,
    change: Partial<
      Pick<
        Obligation,
        "missedSide" | "missedReportedBy" | "missedReportedAt" | "missedState" | "state" | "closedAt" | "closedBy"
      >
    >,
    record: EventDraft,
    at: number,
    expected?: "reported",
  ): Promise<boolean> {
    const inState =
      expected === undefined
        ? or(isNull(obligations.missedState), eq(obligations.missedState, "disputed"))
        : eq(obligations.missedState, expected);
    return this.changeOpen(id, change, at, record, inState);
  }

  /** Changes one still in `state`, logged in the same transaction; false when it is no longer in that state. */
  async changeIn(
    state: Obligation["state"],
    id: number,
    change: ObligationChange,
    record: EventDraft,
    at: number,
  ): Promise<boolean> {
    return this.changeWhere(id, change, at, record, eq(obligations.state, state));
  }

  /** When an obligation's event (`obligation:<id>:<event>:…` in the log) was last recorded, e.g. its latest reopening. */
  async lastLoggedAt(obligation: Pick<Obligation, "id" | "chatId">, event: string): Promise<number | undefined> {
    const [row] = await this.session.queries
      .select({ at: events.receivedAt })
      .from(events)
      .where(and(eq(events.chatId, obligation.chatId), like(events.source, `obligation:${obligation.id}:${event}:%`)))
      .orderBy(desc(events.seq))
      .limit(1);
    return row?.at;
  }

  private async changeOpen(
    id: number,
    set: Partial<Obligation>,
    at: number,
    record: EventDraft,
    condition?: SQL,
  ): Promise<boolean> {
    return this.changeWhere(id, set, at, record, and(eq(obligations.state, "open"), condition));
  }

  /** The change and its event, only while `condition` holds: a row another process changed first is left alone. */
  private async changeWhere(
    id: number,
    set: Partial<Obligation>,
    at: number,
    record: EventDraft,
    condition: SQL | undefined,
  ): Promise<boolean> {
    return this.session.transaction(async () => {
      const [owner] = await this.session.queries
        .select({ chatId: obligations.chatId })
        .from(obligations)
        .where(eq(obligations.id, id));
      if (owner === undefined) return false;
      await this.lockChat(owner.chatId);
      const changed = await this.session.queries
        .update(obligations)
        .set(set)
        .where(and(eq(obligations.id, id), condition));
      if ((changed.rowCount ?? 0) === 0) return false;
      await this.chain.appendInTransaction([record], at);
      return true;
    });
  }

  /** Under the chat's lock, so two processes never read the same last number. */
  private async insertNumbered(obligation: NewObligation): Promise<Obligation> {
    const [last] = await this.session.queries
      .select({ number: obligations.number })
      .from(obligations)
      .where(and(eq(obligations.chatId, obligation.chatId), eq(obligations.kind, obligation.kind)))
      .orderBy(desc(obligations.number))
      .limit(1);
    const [created] = await this.session.queries
      .insert(obligations)
      .values({ ...obligation, number: (last?.number ?? 0) + 1 })
      .returning();
    return created!;
  }

  private lockChat(chatId: number): Promise<void> {
    return this.session.lockUntilCommit(chatChainLock(chatId));
  }
}

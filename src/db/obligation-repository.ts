import { and, asc, between, desc, eq, gt, inArray, isNull, like, ne, or, sql, type SQL } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import { reportWrite } from "./read-cache.js";
import { connectionOf, type Orm } from "./database.js";
import { events, obligations } from "./schema.js";

export type Obligation = typeof obligations.$inferSelect;
export type NewObligation = Pick<
  Obligation,
  "chatId" | "kind" | "description" | "createdBy" | "createdAt" | "sourceMessageId" | "dueAt"
>;
/** What a state change may set (a delivery, an acceptance, a reopening, a new estimate). */
export type ObligationChange = Partial<
  Pick<
    Obligation,
    | "state"
    | "dueAt"
    | "estimateReason"
    | "deliveredAt"
    | "deliveredBy"
    | "closedAt"
    | "closedBy"
    | "businessDaysLate"
    | "overdueNotifiedAt"
    | "confirmedAt"
    | "confirmedBy"
  >
>;

/** Obligations of both sides; each creation and closing is also an event in the chat's log. */
export class ObligationRepository {
  /** Read by every status and digest. */
  private readonly openOfKind;
  private readonly settledInPeriod;
  private readonly everyOfKind;
  /** Read by every status and digest too (10,000 in one tick), so prepared once. */
  private readonly unsettledOfKind;
  private readonly daysLateWhenDone;
  private readonly missedCallsBySide;
  /** Read by every job about an obligation (thousands in one tick), so prepared once. */
  private readonly byId;
  private readonly overdueNoted;
  /** Asked by every command that creates one (handled again, it finds what its first run created). */
  private readonly bySourceMessage;
  /** Every request, revision and promise: statements prepared once, in better-sqlite3's transaction made once. */
  private readonly createTransaction: (
    obligation: NewObligation,
    record: (created: Obligation) => EventDraft,
  ) => Obligation;

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
  ) {
    this.openOfKind = orm
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, sql.placeholder("chatId")),
          eq(obligations.kind, sql.placeholder("kind")),
          eq(obligations.state, "open"),
        ),
      )
      .prepare();
    const settledWithin = (at: typeof obligations.closedAt | typeof obligations.deliveredAt) =>
      between(at, sql.placeholder("from"), sql.placeholder("to"));
    this.settledInPeriod = orm
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, sql.placeholder("chatId")),
          ne(obligations.state, "cancelled"),
          or(settledWithin(obligations.closedAt), settledWithin(obligations.deliveredAt)),
        ),
      )
      // Those settled at the same instant in the order they were created, whichever index found them.
      .orderBy(asc(sql`coalesce(${obligations.deliveredAt}, ${obligations.closedAt})`), asc(obligations.id))
      .prepare();
    this.byId = orm
      .select()
      .from(obligations)
      .where(eq(obligations.id, sql.placeholder("id")))
      .prepare();
    this.bySourceMessage = orm
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, sql.placeholder("chatId")),
          eq(obligations.kind, sql.placeholder("kind")),
          eq(obligations.sourceMessageId, sql.placeholder("sourceMessageId")),
        ),
      )
      .prepare();
    this.overdueNoted = orm
      .update(obligations)
      .set({ overdueNotifiedAt: sql.placeholder("at") as never })
      .where(
        and(
          eq(obligations.id, sql.placeholder("id")),
          eq(obligations.state, "open"),
          isNull(obligations.overdueNotifiedAt),
        ),
      )
      .prepare();
    this.everyOfKind = orm
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, sql.placeholder("chatId")), eq(obligations.kind, sql.placeholder("kind"))))
      .orderBy(asc(obligations.number))
      .prepare();
    const chatAndKind = (state: SQL) =>
      and(eq(obligations.chatId, sql.placeholder("chatId")), state, eq(obligations.kind, sql.placeholder("kind")));
    this.unsettledOfKind = orm
      .select()
      .from(obligations)
      .where(chatAndKind(inArray(obligations.state, ["open", "delivered"])))
      .prepare();
    // Only the late ones, a range of `obligations_kind_state`: those on time add nothing and are most of a long history.
    this.daysLateWhenDone = orm
      .select({ days: sql<number | null>`sum(${obligations.businessDaysLate})` })
      .from(obligations)
      .where(and(chatAndKind(eq(obligations.state, "done")), gt(obligations.businessDaysLate, 0)))
      .prepare();
    this.missedCallsBySide = orm
      .select({ side: obligations.missedSide, count: sql<number>`count(*)` })
      .from(obligations)
      .where(
        and(
          eq(obligations.chatId, sql.placeholder("chatId")),
          eq(obligations.kind, "call"),
          eq(obligations.missedState, "confirmed"),
        ),
      )
      .groupBy(obligations.missedSide)
      .prepare();
    const lastNumber = orm
      .select({ number: obligations.number })
      .from(obligations)
      .where(and(eq(obligations.chatId, sql.placeholder("chatId")), eq(obligations.kind, sql.placeholder("kind"))))
      .orderBy(desc(obligations.number))
      .limit(1)
      .prepare();
    const insert = orm
      .insert(obligations)
      .values(
        Object.fromEntries(
          (
            ["chatId", "kind", "description", "createdBy", "createdAt", "sourceMessageId", "dueAt", "number"] as const
          ).map((column) => [column, sql.placeholder(column)]),
        ) as unknown as typeof obligations.$inferInsert,
      )
      .returning()
      .prepare();
    this.createTransaction = connectionOf(orm).transaction(
      (obligation: NewObligation, record: (created: Obligation) => EventDraft) => {
        const last = lastNumber.get({ chatId: obligation.chatId, kind: obligation.kind });
        const created = insert.get({ ...obligation, number: (last?.number ?? 0) + 1 })!;
        correspondence.appendWithin(orm, [record(created)], obligation.createdAt);
        return created;
      },
    );
  }

  /** Numbers it after the chat's last of its kind (R1, R2…). */
  async create(obligation: NewObligation, record: (created: Obligation) => EventDraft): Promise<Obligation> {
    return reportWrite(
      this.orm,
      () => this.createTransaction(obligation, record),
      () => [obligations],
    );
  }

  async find(id: number): Promise<Obligation | undefined> {
    return this.byId.get({ id });
  }

  async byNumber(chatId: number, kind: Obligation["kind"], number: number): Promise<Obligation | undefined> {
    return this.orm
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, chatId), eq(obligations.kind, kind), eq(obligations.number, number)))
      .get();
  }

  async open(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    return this.openOfKind.all({ chatId, kind });
  }

  /** Those of a kind still to settle: open, or delivered and waiting for acceptance (revisions), oldest first. */
  async unsettled(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    // In SQL, the order would pick the index by number and walk every one.
    return this.unsettledOfKind.all({ chatId, kind }).sort((a, b) => a.number - b.number);
  }

  /** The business days by which those of a kind were provided late, in total, summed in SQL (a chat may have thousands). */
  async businessDaysLateWhenDone(chatId: number, kind: Obligation["kind"]): Promise<number> {
    return this.daysLateWhenDone.get({ chatId, kind })?.days ?? 0;
  }

  /** Calls confirmed as missed, by the side that missed them. */
  async missedCallCounts(chatId: number): Promise<{ client: number; specialist: number }> {
    const rows = this.missedCallsBySide.all({ chatId });
    const of = (side: "client" | "specialist") => rows.find((row) => row.side === side)?.count ?? 0;
    return { client: of("client"), specialist: of("specialist") };
  }

  /** What was provided, delivered, completed or held in [from, to], in the order it happened (for the digest). */
  async settledBetween(chatId: number, from: number, to: number): Promise<Obligation[]> {
    return this.settledInPeriod.all({ chatId, from, to });
  }

  /** Closes it once; false when it was already closed. */
  async close(
    id: number,
    closing: { closedAt: number; closedBy: number; businessDaysLate: number },
    record: EventDraft,
  ): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const changed = tx
        .update(obligations)
        .set({ state: "done", ...closing })
        .where(and(eq(obligations.id, id), eq(obligations.state, "open")))
        .run().changes;
      if (changed > 0) this.correspondence.appendWithin(tx, [record], closing.closedAt);
      return changed > 0;
    });
  }

  /** The one a command created, so handling its update again creates nothing new. */
  async bySource(chatId: number, kind: Obligation["kind"], sourceMessageId: number): Promise<Obligation | undefined> {
    return this.bySourceMessage.get({ chatId, kind, sourceMessageId });
  }

  /** Every one of a kind in the chat, whatever its state, in number order (S1, S2…). */
  async ofKind(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    return this.everyOfKind.all({ chatId, kind });
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
    return this.orm.transaction((tx) => {
      const at = replacement.createdAt;
      const changed = tx
        .update(obligations)
        .set({ state: "cancelled", closedAt: at, closedBy: by })
        .where(and(eq(obligations.id, id), eq(obligations.state, "open")))
        .run().changes;
      if (changed === 0) return undefined;
      const last = tx
        .select({ number: obligations.number })
        .from(obligations)
        .where(and(eq(obligations.chatId, replacement.chatId), eq(obligations.kind, replacement.kind)))
        .orderBy(desc(obligations.number))
        .limit(1)
        .get();
      const created = tx
        .insert(obligations)
        .values({ ...replacement, number: (last?.number ?? 0) + 1 })
        .returning()
        .get();
      this.correspondence.appendWithin(tx, [record.cancelled, record.created(created)], at);
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

  private async changeOpen(
    id: number,
    set: Partial<Obligation>,
    at: number,
    record: EventDraft,
    condition?: SQL,
  ): Promise<boolean> {
    return this.changeWhere(id, set, at, record, and(eq(obligations.state, "open"), condition));
  }

  private async changeWhere(
    id: number,
    set: Partial<Obligation>,
    at: number,
    record: EventDraft,
    condition: SQL | undefined,
  ): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const changed = tx
        .update(obligations)
        .set(set)
        .where(and(eq(obligations.id, id), condition))
        .run().changes;
      if (changed > 0) this.correspondence.appendWithin(tx, [record], at);
      return changed > 0;
    });
  }

  /**
   * Notes the overdue notice once; false when it was already given or the obligation is closed.
   * Its job calls it from `recordWith`, so it joins the tick's transaction that records the job and its notice.
   */
  markOverdueNotified(id: number, at: number, record: EventDraft): boolean {
    return connectionOf(this.orm).transaction(() => {
      const changed = this.overdueNoted.run({ id, at }).changes > 0;
      if (changed) this.correspondence.appendWithin(this.orm, [record], at);
      return changed;
    })();
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
    return this.changeWhere(id, change, at, record, and(eq(obligations.state, "open"), inState));
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
    const row = this.orm
      .select({ at: events.receivedAt })
      .from(events)
      .where(and(eq(events.chatId, obligation.chatId), like(events.source, `obligation:${obligation.id}:${event}:%`)))
      .orderBy(desc(events.seq))
      .limit(1)
      .get();
    return row?.at;
  }
}

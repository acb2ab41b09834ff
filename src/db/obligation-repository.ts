import { and, asc, between, desc, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import type { Orm } from "./database.js";
import { obligations } from "./schema.js";

export type Obligation = typeof obligations.$inferSelect;
export type NewObligation = Pick<Obligation, "chatId" | "kind" | "description" | "createdBy" | "createdAt" | "sourceMessageId" | "dueAt">;

/** Obligations of both sides; each creation and closing is also an event in the chat's log. */
export class ObligationRepository {
  /** Read by every status and digest. */
  private readonly openOfKind;
  private readonly settledInPeriod;

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
  ) {
    this.openOfKind = orm
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, sql.placeholder("chatId")), eq(obligations.kind, sql.placeholder("kind")), eq(obligations.state, "open")))
      .prepare();
    const settledWithin = (at: typeof obligations.closedAt | typeof obligations.deliveredAt) => between(at, sql.placeholder("from"), sql.placeholder("to"));
    this.settledInPeriod = orm
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, sql.placeholder("chatId")), ne(obligations.state, "cancelled"), or(settledWithin(obligations.closedAt), settledWithin(obligations.deliveredAt))))
      .orderBy(asc(sql`coalesce(${obligations.deliveredAt}, ${obligations.closedAt})`))
      .prepare();
  }

  /** Numbers it after the chat's last of its kind (R1, R2…). */
  async create(obligation: NewObligation, record: (created: Obligation) => EventDraft): Promise<Obligation> {
    return this.orm.transaction((tx) => {
      const last = tx
        .select({ number: obligations.number })
        .from(obligations)
        .where(and(eq(obligations.chatId, obligation.chatId), eq(obligations.kind, obligation.kind)))
        .orderBy(desc(obligations.number))
        .limit(1)
        .get();
      const created = tx.insert(obligations).values({ ...obligation, number: (last?.number ?? 0) + 1 }).returning().get();
      this.correspondence.appendWithin(tx, [record(created)], obligation.createdAt);
      return created;
    });
  }

  async find(id: number): Promise<Obligation | undefined> {
    return this.orm.select().from(obligations).where(eq(obligations.id, id)).get();
  }

  async byNumber(chatId: number, kind: Obligation["kind"], number: number): Promise<Obligation | undefined> {
    return this.orm.select().from(obligations).where(and(eq(obligations.chatId, chatId), eq(obligations.kind, kind), eq(obligations.number, number))).get();
  }

  async open(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    return this.openOfKind.all({ chatId, kind });
  }

  /** What was provided, delivered, completed or held in [from, to], in the order it happened (for the digest). */
  async settledBetween(chatId: number, from: number, to: number): Promise<Obligation[]> {
    return this.settledInPeriod.all({ chatId, from, to });
  }

  /** Closes it once; false when it was already closed. */
  async close(id: number, closing: { closedAt: number; closedBy: number; businessDaysLate: number }, record: EventDraft): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const changed = tx.update(obligations).set({ state: "done", ...closing }).where(and(eq(obligations.id, id), eq(obligations.state, "open"))).run().changes;
      if (changed > 0) this.correspondence.appendWithin(tx, [record], closing.closedAt);
      return changed > 0;
    });
  }

  /** Notes the overdue notice once; false when it was already given or the obligation is closed. */
  async markOverdueNotified(id: number, at: number, record: EventDraft): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const changed = tx
        .update(obligations)
        .set({ overdueNotifiedAt: at })
        .where(and(eq(obligations.id, id), eq(obligations.state, "open"), isNull(obligations.overdueNotifiedAt)))
        .run().changes;
      if (changed > 0) this.correspondence.appendWithin(tx, [record], at);
      return changed > 0;
    });
  }
}

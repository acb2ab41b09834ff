import { and, asc, count, eq } from "drizzle-orm";
import type { Obligation } from "../obligation-repository.js";
import type { PostgresSession } from "./session.js";
import { obligations } from "./schema.js";

/** Obligations as `ObligationRepository` reads them on SQLite. */
export class PostgresObligationReader {
  constructor(private readonly session: PostgresSession) {}

  /** Every one of a kind in the chat, whatever its state, in number order (S1, S2…). */
  async ofKind(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    return this.session.queries
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, chatId), eq(obligations.kind, kind)))
      .orderBy(asc(obligations.number));
  }

  async open(chatId: number, kind: Obligation["kind"]): Promise<Obligation[]> {
    return this.session.queries
      .select()
      .from(obligations)
      .where(and(eq(obligations.chatId, chatId), eq(obligations.kind, kind), eq(obligations.state, "open")))
      .orderBy(asc(obligations.number));
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
}

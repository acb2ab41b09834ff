import type { ReportSource } from "../report-source.js";
import type { ChainAppender, OutboxWriter } from "./collaborators.js";
import { PostgresChatRepository } from "./chat-repository.js";
import { connectPostgresReadOnly } from "./database.js";
import { PostgresObligationRepository } from "./obligation-repository.js";
import { PostgresPeopleRepository } from "./people-repository.js";
import { PostgresRatingRepository } from "./rating-repository.js";
import { PostgresRegulationRepository } from "./regulation-repository.js";
import { PostgresSession } from "./session.js";
import { PostgresWindowRepository } from "./window-repository.js";

/** The report only reads: a write would fail in its read-only transaction anyway. */
const readOnly: ChainAppender & OutboxWriter = {
  appendInTransaction: refuseWrite,
  enqueueInTransaction: refuseWrite,
  enqueueEditsInTransaction: refuseWrite,
};

async function refuseWrite(): Promise<never> {
  throw new Error("the report reads only");
}

/** The report's reads on PostgreSQL, all in one read-only REPEATABLE READ transaction: one moment, however long it takes. */
export async function inPostgresReportSnapshot<T>(url: string, work: (source: ReportSource) => Promise<T>): Promise<T> {
  const postgres = connectPostgresReadOnly(url);
  try {
    const session = new PostgresSession(postgres.orm);
    const source: ReportSource = {
      chats: new PostgresChatRepository(session),
      regulations: new PostgresRegulationRepository(session, readOnly, readOnly),
      windows: new PostgresWindowRepository(session, readOnly),
      obligations: new PostgresObligationRepository(session, readOnly),
      ratings: new PostgresRatingRepository(session, readOnly, readOnly),
      people: new PostgresPeopleRepository(session),
    };
    return await session.inReadSnapshot(() => work(source));
  } finally {
    await postgres.close();
  }
}

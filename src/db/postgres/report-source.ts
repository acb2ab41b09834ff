import type { ReportSource } from "../report-source.js";
import type { ChainAppender } from "./collaborators.js";
import { PostgresChatReader } from "./chat-reader.js";
import { connectPostgresReadOnly } from "./database.js";
import { PostgresObligationRepository } from "./obligation-repository.js";
import { PostgresPeopleReader } from "./people-reader.js";
import { PostgresRatingReader } from "./rating-reader.js";
import { PostgresRegulationReader } from "./regulation-reader.js";
import { PostgresSession } from "./session.js";
import { PostgresWindowRepository } from "./window-repository.js";

/** The report only reads (and its connection refuses writes). */
const appendsNothing: ChainAppender = {
  appendInTransaction: () => Promise.reject(new Error("the report appends no event")),
};

/** The report's reads on PostgreSQL, all in one read-only REPEATABLE READ transaction: one moment, however long it takes. */
export async function inPostgresReportSnapshot<T>(url: string, work: (source: ReportSource) => Promise<T>): Promise<T> {
  const postgres = connectPostgresReadOnly(url);
  try {
    const session = new PostgresSession(postgres.orm);
    const source: ReportSource = {
      chats: new PostgresChatReader(session),
      regulations: new PostgresRegulationReader(session),
      windows: new PostgresWindowRepository(session, appendsNothing),
      obligations: new PostgresObligationRepository(session, appendsNothing),
      ratings: new PostgresRatingReader(session),
      people: new PostgresPeopleReader(session),
    };
    return await session.inReadSnapshot(() => work(source));
  } finally {
    await postgres.close();
  }
}

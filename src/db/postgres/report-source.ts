import type { ReportSource } from "../report-source.js";
import { PostgresChatReader } from "./chat-reader.js";
import type { ChainAppender, OutboxWriter } from "./collaborators.js";
import { connectPostgresReadOnly } from "./database.js";
import { PostgresObligationReader } from "./obligation-reader.js";
import { PostgresPeopleReader } from "./people-reader.js";
import { PostgresRatingReader } from "./rating-reader.js";
import { PostgresRegulationRepository } from "./regulation-repository.js";
import { PostgresSession } from "./session.js";
import { PostgresWindowReader } from "./window-reader.js";

/** The report only reads (on a connection the server keeps read-only): the repositories it reads through get writers that refuse. */
const writesNothing: ChainAppender & OutboxWriter = {
  appendInTransaction: refuseToWrite,
  enqueueInTransaction: refuseToWrite,
  enqueueEditsInTransaction: refuseToWrite,
};

async function refuseToWrite(): Promise<never> {
  throw new Error("npm run report only reads");
}

/** The report's reads on PostgreSQL, all in one read-only REPEATABLE READ transaction: one moment, however long it takes. */
export async function inPostgresReportSnapshot<T>(url: string, work: (source: ReportSource) => Promise<T>): Promise<T> {
  const postgres = connectPostgresReadOnly(url);
  try {
    const session = new PostgresSession(postgres.orm);
    const source: ReportSource = {
      chats: new PostgresChatReader(session),
      regulations: new PostgresRegulationRepository(session, writesNothing, writesNothing),
      windows: new PostgresWindowReader(session),
      obligations: new PostgresObligationReader(session),
      ratings: new PostgresRatingReader(session),
      people: new PostgresPeopleReader(session),
    };
    return await session.inReadSnapshot(() => work(source));
  } finally {
    await postgres.close();
  }
}

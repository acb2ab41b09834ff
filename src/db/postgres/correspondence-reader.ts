import { and, asc, eq, gt } from "drizzle-orm";
import type { StoredLink } from "../../domain/evidence-chain.js";
import type { PostgresOrm } from "./database.js";
import { events } from "./schema.js";

/** A chat's log from PostgreSQL in sequence order, a page at a time (as `CorrespondenceRepository.readChain`). */
export async function* readPostgresChain(
  orm: PostgresOrm,
  chatId: number,
  pageSize = 1000,
): AsyncGenerator<StoredLink> {
  let afterSeq = 0;
  for (;;) {
    const page = await orm
      .select({ seq: events.seq, line: events.line, hash: events.hash })
      .from(events)
      .where(and(eq(events.chatId, chatId), gt(events.seq, afterSeq)))
      .orderBy(asc(events.seq))
      .limit(pageSize);
    yield* page;
    if (page.length < pageSize) return;
    afterSeq = page[page.length - 1]!.seq;
  }
}

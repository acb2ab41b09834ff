import { and, asc, desc, eq, getTableColumns, gte, lt, lte, max, sql } from "drizzle-orm";
import { checkpointEventsOf, checkpointPayloadOf, messagePartsOf } from "./checkpoint-repository.js";
import type { Orm } from "./database.js";
import { chatRoles, events, obligations, outbox, people, regulationVersions, responseWindows, runs } from "./schema.js";

/** The columns a bundle is made of; the rest (the message text again, the source…) is in `line`. */
const EXPORTED_COLUMNS = ["seq", "kind", "hash", "line", "receivedAt", "telegramDate", "replyToMessageId", "threadId", "mediaType", "fileId", "fileUniqueId", "fileName", "mimeType", "fileSize", "duration"] as const;
export type ExportedEvent = Pick<typeof events.$inferSelect, (typeof EXPORTED_COLUMNS)[number]>;
const EVENT_COLUMNS = sql.raw(EXPORTED_COLUMNS.map((key) => `${getTableColumns(events)[key].name} as "${key}"`).join(", "));
export type ExportedPerson = typeof people.$inferSelect;
export type ExportedRole = typeof chatRoles.$inferSelect;
export type ExportedRegulationVersion = typeof regulationVersions.$inferSelect;
export type ExportedWindow = typeof responseWindows.$inferSelect;
export type ExportedRun = typeof runs.$inferSelect;
export type ExportedObligation = typeof obligations.$inferSelect;

/** A checkpoint recorded in the log, and when and as which message it reached the chat (null: it never did). */
export interface ExportedCheckpoint {
  seq: number;
  recordedAt: number;
  size: number;
  root: string;
  posted: { messageId: number; at: number } | null;
}

/** Read-only queries behind a dispute export: a chat's log, people, roles, rules and obligations. */
export class ExportRepository {
  constructor(private readonly orm: Orm) {}

  /** The last event received before the instant (UTC ms), 0 when none: a period's boundaries. */
  async lastSeqBefore(chatId: number, at: number): Promise<number> {
    return this.orm.select({ last: max(events.seq) }).from(events).where(and(eq(events.chatId, chatId), lt(events.receivedAt, at))).get()?.last ?? 0;
  }

  async lastSeq(chatId: number): Promise<number> {
    return this.orm.select({ last: max(events.seq) }).from(events).where(eq(events.chatId, chatId)).get()?.last ?? 0;
  }

  async eventAt(chatId: number, seq: number): Promise<ExportedEvent | undefined> {
    return this.eventPage(chatId, seq, seq, 1)[0];
  }

  /** Events with seq in [first, last], in order, read in pages so a long log never sits in memory. */
  async *eventPages(chatId: number, first: number, last: number, pageSize = 2000): AsyncGenerator<ExportedEvent[]> {
    let from = first;
    while (from <= last) {
      const page = this.eventPage(chatId, from, last, pageSize);
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      from = page[page.length - 1]!.seq + 1;
    }
  }

  /**
   * The edits with seq in [first, last], in order, without reading the whole log: only messages
   * whose id the chat's log holds more than once can have one among them besides itself (the
   * message-id index answers that alone). An edit of any other message is that message's only edit.
   */
  async editEvents(chatId: number, first: number, last: number): Promise<ExportedEvent[]> {
    return this.orm.all<ExportedEvent>(
      sql`select ${EVENT_COLUMNS} from ${events} where chat_id = ${chatId} and kind in ('edit', 'bot_edit') and seq >= ${first} and seq <= ${last}
          and message_id in (select message_id from ${events} where chat_id = ${chatId} and message_id is not null group by message_id having count(*) > 1)
          order by seq`,
    );
  }

  /** The stored hashes of the events with seq 1..last, in order: the leaves of the log's Merkle tree. */
  async *eventHashes(chatId: number, last: number, pageSize = 10_000): AsyncGenerator<string> {
    for (let from = 1; from <= last; from += pageSize) {
      const page = this.orm
        .select({ hash: events.hash })
        .from(events)
        .where(and(eq(events.chatId, chatId), gte(events.seq, from), lte(events.seq, Math.min(last, from + pageSize - 1))))
        .orderBy(asc(events.seq))
        .all();
      for (const { hash } of page) yield hash;
    }
  }

  /** Every checkpoint recorded in the chat's log up to `lastSeq`. */
  async checkpoints(chatId: number, lastSeq: number): Promise<ExportedCheckpoint[]> {
    const rows = this.orm
      .select({ seq: events.seq, line: events.line, receivedAt: events.receivedAt })
      .from(events)
      .where(and(checkpointEventsOf(chatId), lte(events.seq, lastSeq)))
      .orderBy(asc(events.seq))
      .all();
    return rows.map((row) => {
      const { size, root, messageKey } = checkpointPayloadOf(row.line);
      // A split message shows the root in its last part.
      const sent = this.orm
        .select({ messageId: outbox.telegramMessageId, at: outbox.sentAt })
        .from(outbox)
        .where(and(messagePartsOf(chatId, messageKey), eq(outbox.state, "sent")))
        .orderBy(desc(outbox.id))
        .limit(1)
        .get();
      const posted = sent !== undefined && sent.messageId !== null && sent.at !== null ? { messageId: sent.messageId, at: sent.at } : null;
      return { seq: row.seq, recordedAt: row.receivedAt, size, root, posted };
    });
  }

  /** Read a million times for a long chat: plain rows named as the schema names them, without drizzle's mapping. */
  private eventPage(chatId: number, first: number, last: number, limit: number): ExportedEvent[] {
    return this.orm.all<ExportedEvent>(
      sql`select ${EVENT_COLUMNS} from ${events} where chat_id = ${chatId} and seq >= ${first} and seq <= ${last} order by seq limit ${limit}`,
    );
  }

  async people(chatId: number): Promise<ExportedPerson[]> {
    return this.orm.select().from(people).where(eq(people.chatId, chatId)).orderBy(asc(people.userId)).all();
  }

  async roles(chatId: number): Promise<ExportedRole[]> {
    return this.orm.select().from(chatRoles).where(eq(chatRoles.chatId, chatId)).orderBy(asc(chatRoles.since), asc(chatRoles.id)).all();
  }

  async regulationVersions(chatId: number): Promise<ExportedRegulationVersion[]> {
    return this.orm.select().from(regulationVersions).where(eq(regulationVersions.chatId, chatId)).orderBy(asc(regulationVersions.version)).all();
  }

  async responseWindows(chatId: number): Promise<ExportedWindow[]> {
    return this.orm.select().from(responseWindows).where(eq(responseWindows.chatId, chatId)).orderBy(asc(responseWindows.openedAt)).all();
  }

  /** Obligations other than response windows (information requests so far). */
  async obligations(chatId: number): Promise<ExportedObligation[]> {
    return this.orm.select().from(obligations).where(eq(obligations.chatId, chatId)).orderBy(asc(obligations.kind), asc(obligations.number)).all();
  }

  /** regbot's runs are per deployment, not per chat. */
  async runs(): Promise<ExportedRun[]> {
    return this.orm.select().from(runs).orderBy(asc(runs.startedAt)).all();
  }
}

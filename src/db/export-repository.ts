import type BetterSqlite3 from "better-sqlite3";
import { and, asc, desc, eq, getTableColumns, getTableName, lt, lte, max } from "drizzle-orm";
import { checkpointEventsOf, checkpointPayloadOf, messagePartsOf } from "./checkpoint-repository.js";
import { connectionOf, type Orm } from "./database.js";
import { chatRoles, events, obligations, outbox, people, regulationVersions, responseWindows, runs } from "./schema.js";

/** The columns a bundle is made of; the rest (the message text again, the source…) is in `line`. */
const EXPORTED_COLUMNS = ["seq", "kind", "hash", "line", "receivedAt", "telegramDate", "replyToMessageId", "threadId", "mediaType", "fileId", "fileUniqueId", "fileName", "mimeType", "fileSize", "duration"] as const;
export type ExportedEvent = Pick<typeof events.$inferSelect, (typeof EXPORTED_COLUMNS)[number]>;
const EVENT_COLUMN_LIST = EXPORTED_COLUMNS.map((key) => getTableColumns(events)[key].name).join(", ");
/** A page of the log as a copy of it needs it: each event's seq, kind and hash, and their stored lines as UTF-8 bytes, each ended by a newline. */
export interface LogPage {
  events: Array<Pick<ExportedEvent, "seq" | "kind" | "hash">>;
  lines: Buffer;
}
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
  constructor(private readonly orm: Orm) {
    this.eventPageStatement = pageStatement(orm, EVENT_COLUMN_LIST);
    const range = `from ${getTableName(events)} where chat_id = ? and seq >= ? and seq <= ?`;
    this.logEventsStatement = connectionOf(orm).prepare<[number, number, number], unknown[]>(`select seq, kind, hash ${range} order by seq`).raw(true);
    this.logLinesStatement = connectionOf(orm).prepare<[number, number, number], unknown>(`select cast(group_concat(line, char(10) order by seq) || char(10) as blob) ${range}`).pluck();
    this.hashPageStatement = pageStatement(orm, "seq, hash");
    this.editPageStatement = pageStatement(orm, EVENT_COLUMN_LIST, "and kind in ('edit', 'bot_edit')");
  }

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
  eventPages(chatId: number, first: number, last: number): AsyncGenerator<ExportedEvent[]> {
    return pagesOf(this.eventPageStatement, exportedEventOf, chatId, first, last);
  }

  /**
   * The log with seq in [first, last], in pages: all a copy of it reads. SQLite joins each page's
   * lines into one buffer: a buffer per line (or a string decoded and encoded again) cost more
   * than the copy itself, and a million small buffers awaiting collection held 30 MB.
   */
  async *logPages(chatId: number, first: number, last: number): AsyncGenerator<LogPage> {
    for (let from = first; from <= last; from += PAGE_SIZE) {
      const to = Math.min(last, from + PAGE_SIZE - 1);
      const events = this.logEventsStatement.all(chatId, from, to).map(([seq, kind, hash]) => ({ seq, kind, hash }) as LogPage["events"][number]);
      if (events.length > 0) yield { events, lines: this.logLinesStatement.get(chatId, from, to) as Buffer };
    }
  }

  /** The edits with seq in [first, last], in order, in pages. */
  editPages(chatId: number, first: number, last: number): AsyncGenerator<ExportedEvent[]> {
    return pagesOf(this.editPageStatement, exportedEventOf, chatId, first, last);
  }

  /** The stored hashes of the events with seq in [first, last], in order, at once: a few leaves of the log's Merkle tree. */
  hashesBetween(chatId: number, first: number, last: number): string[] {
    return last < first ? [] : this.hashPageStatement.all(chatId, first, last, last - first + 1).map((row) => row[1] as string);
  }

  /** The stored hashes of the events with seq in [first, last], in order: leaves of the log's Merkle tree. */
  async *eventHashes(chatId: number, first: number, last: number): AsyncGenerator<string> {
    for await (const page of pagesOf(this.hashPageStatement, (row) => row[1] as string, chatId, first, last)) yield* page;
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

  private readonly eventPageStatement: PageStatement;
  private readonly logEventsStatement: BetterSqlite3.Statement<[number, number, number], unknown[]>;
  private readonly logLinesStatement: BetterSqlite3.Statement<[number, number, number], unknown>;
  private readonly hashPageStatement: PageStatement;
  private readonly editPageStatement: PageStatement;

  private eventPage(chatId: number, first: number, last: number, limit: number): ExportedEvent[] {
    return (this.eventPageStatement.all(chatId, first, last, limit) as unknown[][]).map(exportedEventOf);
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

type PageStatement = BetterSqlite3.Statement<[number, number, number, number], unknown[]>;
// Small pages: a page's events outlive the young generation's collections, and with pages of 2,000 so
// many were promoted that the old generation's collections took a quarter of a long export's time.
const PAGE_SIZE = 500;

/**
 * Rows (first column: seq) of the chat with seq in [first, last], in order, at most `limit`. Read
 * a million times for a long chat: prepared once, rows as arrays (better-sqlite3 builds an object
 * per row one property at a time, which costs more than the read itself).
 */
function pageStatement(orm: Orm, columns: string, condition = ""): PageStatement {
  return connectionOf(orm).prepare<[number, number, number, number], unknown[]>(`select ${columns} from ${getTableName(events)} where chat_id = ? and seq >= ? and seq <= ? ${condition} order by seq limit ?`).raw(true);
}

/** Pages of rows with seq in [first, last], in order, so a long log never sits in memory. */
async function* pagesOf<T>(statement: PageStatement, rowOf: (row: unknown[]) => T, chatId: number, first: number, last: number): AsyncGenerator<T[]> {
  let from = first;
  while (from <= last) {
    const rows = statement.all(chatId, from, last, PAGE_SIZE);
    if (rows.length > 0) yield rows.map(rowOf);
    if (rows.length < PAGE_SIZE) return;
    from = (rows[rows.length - 1]![0] as number) + 1;
  }
}

// In EXPORTED_COLUMNS' order (checked below); an object literal gives every row the same shape at once.
function exportedEventOf(row: unknown[]): ExportedEvent {
  return {
    seq: row[0],
    kind: row[1],
    hash: row[2],
    line: row[3],
    receivedAt: row[4],
    telegramDate: row[5],
    replyToMessageId: row[6],
    threadId: row[7],
    mediaType: row[8],
    fileId: row[9],
    fileUniqueId: row[10],
    fileName: row[11],
    mimeType: row[12],
    fileSize: row[13],
    duration: row[14],
  } as ExportedEvent;
}

if (Object.keys(exportedEventOf([])).join() !== EXPORTED_COLUMNS.join()) throw new Error("exportedEventOf must read the columns in EXPORTED_COLUMNS' order");

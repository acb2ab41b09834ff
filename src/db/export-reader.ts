import type { Chat } from "./chat-repository.js";
import type { events, obligations, regulationVersions } from "./schema.js";

export type ExportedRegulationVersion = typeof regulationVersions.$inferSelect;
export type ExportedObligation = typeof obligations.$inferSelect;

/**
 * A page of the log as a copy of it needs it: each event's seq, kind and hash, and their stored
 * lines as UTF-8 bytes, each ended by a newline. A bundle reads nothing else of an event: every
 * column beside the line repeats part of it outside the hash.
 */
export interface LogPage {
  events: Array<Pick<typeof events.$inferSelect, "seq" | "kind" | "hash">>;
  lines: Buffer;
}

/** A checkpoint recorded in the log, and when and as which message it reached the chat (null: it never did). */
export interface ExportedCheckpoint {
  seq: number;
  recordedAt: number;
  size: number;
  root: string;
  posted: { messageId: number; at: number } | null;
}

/**
 * What a dispute export reads of a chat, all of it within one snapshot of the database: SQLite's
 * `ExportRepository` and PostgreSQL's `PostgresExportReader` give the same answers for the same
 * history, so one export writes the same bundle from either. Long ranges come in pages, so a
 * long log never sits in memory.
 */
export interface ExportReader {
  chat(chatId: number): Promise<Chat | undefined>;
  /** The chat's regulation versions, oldest first, for the zone its period's dates are read in. */
  regulationVersions(chatId: number): Promise<ExportedRegulationVersion[]>;
  /** The chat's obligations by kind and number, for the contract's consequences. */
  obligations(chatId: number): Promise<ExportedObligation[]>;
  /** The chat's last seq, 0 when its log is empty. */
  lastSeq(chatId: number): Promise<number>;
  /** The last event received before the instant (UTC ms), 0 when none: a period's boundaries. */
  lastSeqBefore(chatId: number, at: number): Promise<number>;
  /** The event's chain link: its seq and hash. */
  eventAt(chatId: number, seq: number): Promise<{ seq: number; hash: string } | undefined>;
  /** The log with seq in [first, last], in pages: all a copy of it reads. */
  logPages(chatId: number, first: number, last: number): AsyncIterable<LogPage>;
  /** The stored hashes of the events with seq in [first, last], in order: leaves of the log's Merkle tree. */
  eventHashes(chatId: number, first: number, last: number): AsyncIterable<string>;
  /** The same at once, for a few leaves only. */
  hashesBetween(chatId: number, first: number, last: number): Promise<string[]>;
  /** Every checkpoint recorded in the chat's log up to `lastSeq`. */
  checkpoints(chatId: number, lastSeq: number): Promise<ExportedCheckpoint[]>;
  /** Lines of these kinds before `before` (a period's first event), with their seq: what its views read from earlier. */
  contextEvents(
    chatId: number,
    before: number,
    kinds: readonly string[],
  ): Promise<Array<{ seq: number; line: string }>>;
  /** The stored lines with seq in [first, last], in order, a page at a time. */
  linePages(chatId: number, first: number, last: number): AsyncIterable<string[]>;
  /** The stored lines of these kinds with seq in [first, last], in order, with the first message's line among them. */
  linesOfKinds(chatId: number, first: number, last: number, kinds: readonly string[]): AsyncIterable<string[]>;
}

/** The kinds of event that are a message in the chat: the first one opens the readable views. */
export const MESSAGE_KINDS = ["message", "service", "bot_message"] as const;

/** The sequence number a stored line names (canonical JSON: the line's own `,"seq":` is its last, after the payload). */
export function seqOf(line: string): number {
  const at = line.lastIndexOf(',"seq":');
  return Number.parseInt(line.slice(at + 7), 10);
}

/**
 * Pages of lines of some kinds with seq in [first, last], with the first message's line put in its
 * place among them: `rowsFrom(from)` gives the next page of [seq, line] rows of those kinds, seq
 * from `from` to `last`, at most `pageSize`.
 */
export async function* withFirstMessage(
  firstMessage: string | undefined,
  first: number,
  last: number,
  pageSize: number,
  rowsFrom: (from: number) => Promise<Array<[number, string]>>,
): AsyncGenerator<string[]> {
  let from = first;
  let pendingFirst = firstMessage;
  while (from <= last) {
    const rows = await rowsFrom(from);
    const page = rows.map((row) => row[1]);
    const beforeEnd = rows.length < pageSize ? last + 1 : rows.at(-1)![0] + 1;
    if (pendingFirst !== undefined && seqOf(pendingFirst) < beforeEnd) {
      const at = rows.findIndex((row) => row[0] > seqOf(pendingFirst!));
      page.splice(at === -1 ? page.length : at, 0, pendingFirst);
      pendingFirst = undefined;
    }
    if (page.length > 0) yield page;
    if (rows.length < pageSize) return;
    from = beforeEnd;
  }
}

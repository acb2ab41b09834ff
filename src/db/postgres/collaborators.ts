import type { EventDraft } from "../../domain/correspondence.js";
import type { AppendedEvent } from "../correspondence-repository.js";
import type { NewJob } from "../job-repository.js";
import type { OutgoingEdit, OutgoingMessage } from "../outbox-repository.js";

/*
 * What PostgreSQL's repositories call on each other. Each method writes into the transaction of
 * the work in hand (`PostgresSession.transaction`), as SQLite's `…Within(tx, …)` methods do, and
 * throws when called outside one.
 */

/** Appends events to their chats' hash chains (`PostgresCorrespondenceRepository`). */
export interface ChainAppender {
  appendInTransaction(drafts: readonly EventDraft[], at: number): Promise<AppendedEvent[]>;
}

/** Queues messages and edits for Telegram (`PostgresOutboxRepository`). */
export interface OutboxWriter {
  enqueueInTransaction(messages: readonly OutgoingMessage[], now: number): Promise<number>;
  enqueueEditsInTransaction(edits: readonly OutgoingEdit[], now: number): Promise<number>;
}

/** Schedules time-driven work (`PostgresJobRepository`). */
export interface JobWriter {
  scheduleInTransaction(job: NewJob): Promise<void>;
}

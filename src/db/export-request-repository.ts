import { and, eq } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import type { Orm } from "./database.js";
import type { JobRepository, NewJob } from "./job-repository.js";
import type { OutboxRepository, OutgoingMessage } from "./outbox-repository.js";
import { events } from "./schema.js";

/**
 * Exports people ask for in a chat. A request is a job (a restart does not lose it) and an event
 * in the chat's log, written together; each attempt at it ends with one outcome event and what
 * the group hears about it, written together too.
 */
export class ExportRequestRepository {
  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
    private readonly jobs: JobRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** False when the same request (its update handled again) was recorded before. */
  async request(job: NewJob, record: EventDraft, at: number): Promise<boolean> {
    return this.orm.transaction((tx) => {
      if (this.correspondence.appendWithin(tx, [record], at).length === 0) return false;
      this.jobs.scheduleWithin(tx, job);
      return true;
    });
  }

  /** Whether the attempt (a job's key) has ended, one way or another. */
  async hasOutcome(chatId: number, attemptKey: string): Promise<boolean> {
    const found = this.orm
      .select({ seq: events.seq })
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.source, outcomeSource(attemptKey))))
      .get();
    return found !== undefined;
  }

  /** Ends an attempt with its outcome; false (and nothing said) when it had ended already. */
  async settle(
    attemptKey: string,
    record: Omit<EventDraft, "source">,
    messages: readonly OutgoingMessage[],
    at: number,
  ): Promise<boolean> {
    return this.orm.transaction((tx) => {
      if (this.correspondence.appendWithin(tx, [{ ...record, source: outcomeSource(attemptKey) }], at).length === 0)
        return false;
      this.outbox.enqueueWithin(tx, messages, at);
      return true;
    });
  }
}

function outcomeSource(attemptKey: string): string {
  return `${attemptKey}:outcome`;
}

import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Clock } from "../../clock.js";
import type { Repositories } from "../../db/repositories.js";
import type { Language } from "../../domain/languages.js";
import type { JobHandler } from "../../scheduler/scheduler.js";
import { SerialQueue } from "../../serial-queue.js";
import { deliverExport, settleFailedExport } from "./deliver-export.js";

export const EXPORT_JOB = "export";

/** What an `/export` asked for, kept in its job. */
export interface ExportOrder {
  chatId: number;
  /** The update that asked: with the chat, it names the request. */
  updateId: number;
  userId: number;
  /** The language of what the person reads privately. */
  language: Language;
  /** Inclusive UTC dates; none for the whole history. */
  period: { from: string; to: string } | null;
  /** The `/export` message and its topic, which the group's answers quote. */
  messageId: number;
  threadId: number | null;
  /** The person opened the link regbot gave them and was answered already. */
  announced?: boolean;
}

export function exportRequestKey(chatId: number, updateId: number): string {
  return `export:${chatId}:${updateId}`;
}

/** The attempt after the person opened the link (the first attempt could not reach them). */
export function afterStartKey(requestKey: string): string {
  return `${requestKey}:started`;
}

/** `/start export-<chat>-<update>`: a link's payload is at most 64 of A-Z a-z 0-9 _ -. */
export const EXPORT_LINK_PREFIX = "export-";

export function exportLinkPayload(order: Pick<ExportOrder, "chatId" | "updateId">): string {
  return `${EXPORT_LINK_PREFIX}${order.chatId}-${order.updateId}`;
}

export interface ExportDeps {
  repositories: Pick<Repositories, "chats" | "roles" | "people" | "regulations" | "exportRequests">;
  api: Pick<Api, "sendMessage" | "sendDocument">;
  translate: (language: Language, key: string, variables?: Record<string, string | number>) => string;
  defaultLanguage: Language;
  defaultTimezone: string;
  clock: Clock;
  logger: Logger;
  /** The database file the export's worker reads; none where nothing is ever exported (benchmarks). */
  databasePath: string | undefined;
  /** The largest file Telegram takes from a bot. */
  uploadLimitBytes: number;
  botUsername: () => string;
}

/** Telegram's limit for a bot's upload, with room for the request around the file. */
export const TELEGRAM_UPLOAD_LIMIT = 50_000_000;
/** How soon a job whose export is under way is looked at again; after a restart, it starts over then. */
const RECHECK_MS = 60_000;
const MAX_ATTEMPTS = 3;

/**
 * Exports run beside the scheduler, one at a time (each keeps a core busy), so a long history
 * holds up neither the bot nor other time-driven work. The job stays pending while its export is
 * under way and ends when the attempt's outcome is in the log, so a restart loses nothing.
 */
export class ExportDeliveries {
  private readonly queue = new SerialQueue();
  private readonly underway = new Set<string>();
  private readonly failures = new Map<string, number>();
  /** Attempts whose person was told privately that the export is coming: a retry does not say it again. */
  private readonly announced = new Set<string>();
  private readonly stopping = new AbortController();

  constructor(private readonly deps: ExportDeps) {}

  jobHandler(): JobHandler {
    return {
      kind: EXPORT_JOB,
      run: async (job, { now }) => {
        const order = JSON.parse(job.payload) as ExportOrder;
        if (await this.deps.repositories.exportRequests.hasOutcome(order.chatId, job.dedupeKey)) return {};
        if (!this.underway.has(job.dedupeKey)) this.start(job.dedupeKey, order);
        return { nextDueAt: now + RECHECK_MS };
      },
    };
  }

  /** Stops the export under way (its job runs again after the restart) and waits for it to let go. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.queue.idle();
  }

  private start(attemptKey: string, order: ExportOrder): void {
    this.underway.add(attemptKey);
    this.queue.enqueue(async () => {
      try {
        if (this.stopping.signal.aborted) return;
        const told = { ...order, announced: order.announced === true || this.announced.has(attemptKey) };
        await deliverExport(this.deps, attemptKey, told, this.stopping.signal, () => this.announced.add(attemptKey));
        this.failures.delete(attemptKey);
        this.announced.delete(attemptKey);
      } catch (error) {
        if (!this.stopping.signal.aborted) await this.failed(attemptKey, order, error);
      } finally {
        this.underway.delete(attemptKey);
      }
    });
  }

  /** A failed attempt is tried again when its job comes round; the third failure is told to the person and the group. */
  private async failed(attemptKey: string, order: ExportOrder, error: unknown): Promise<void> {
    const attempts = (this.failures.get(attemptKey) ?? 0) + 1;
    this.deps.logger.error({ err: error, chatId: order.chatId, attempt: attempts }, "an export failed");
    if (attempts < MAX_ATTEMPTS) {
      this.failures.set(attemptKey, attempts);
      return;
    }
    this.failures.delete(attemptKey);
    this.announced.delete(attemptKey);
    await settleFailedExport(this.deps, attemptKey, order, error instanceof Error ? error.message : String(error)).catch((settling: unknown) =>
      this.deps.logger.error({ err: settling, chatId: order.chatId }, "could not record a failed export"),
    );
  }
}

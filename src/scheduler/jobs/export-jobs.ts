import type { JobHandler } from "../scheduler.js";
import { SerialQueue } from "../../serial-queue.js";
import { deliverExport, settleFailedExport, type ExportDeps } from "./deliver-export.js";
import { EXPORT_JOB, type ExportOrder } from "./export-order.js";

/** How soon a job whose export is under way is looked at again; after a restart, it starts over then. */
const RECHECK_MS = 60_000;
const MAX_ATTEMPTS = 3;

/**
 * Exports run beside the scheduler, one at a time (each keeps a core busy), so a long history
 * holds up neither the bot nor other time-driven work. The job stays pending while its export is
 * under way and ends when the attempt's outcome is in the log, so a restart loses nothing.
 */
export class ExportDeliveries {
  private readonly queue = new SerialQueue((error) =>
    this.deps.logger.error({ err: error }, "an export task failed; the next ones go on"),
  );
  private readonly underway = new Set<string>();
  private readonly failures = new Map<string, number>();
  /** Attempts whose person was told privately that the export is coming: a retry does not say it again. */
  private readonly announced = new Set<string>();
  private readonly stopping = new AbortController();

  constructor(private readonly deps: ExportDeps) {}

  jobHandler(): JobHandler {
    return {
      kind: EXPORT_JOB,
      runsWhileAway: true,
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

  /** A failed attempt is tried again when its job comes round; the third is told in the group. */
  private async failed(attemptKey: string, order: ExportOrder, error: unknown): Promise<void> {
    const attempts = (this.failures.get(attemptKey) ?? 0) + 1;
    this.deps.logger.error({ err: error, chatId: order.chatId, attempt: attempts }, "an export failed");
    if (attempts < MAX_ATTEMPTS) {
      this.failures.set(attemptKey, attempts);
      return;
    }
    this.failures.delete(attemptKey);
    this.announced.delete(attemptKey);
    await settleFailedExport(
      this.deps,
      attemptKey,
      order,
      error instanceof Error ? error.message : String(error),
    ).catch((settling: unknown) =>
      this.deps.logger.error({ err: settling, chatId: order.chatId }, "could not record a failed export"),
    );
  }
}

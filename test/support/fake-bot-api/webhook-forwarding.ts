/**
 * Telegram's side of webhook mode, behind a load balancer: queued updates are POSTed to the
 * bot's processes in turn, at most `max_connections` at once, and each one stays queued until a
 * process answers it 200; a refused, reset, timed-out or non-200 attempt is sent again later, to
 * the next process.
 */
import { request } from "node:http";
import type { Update } from "grammy/types";
import type { WebhookDelivery } from "./types.js";

const ATTEMPT_TIMEOUT_MS = 10_000;
const RETRY_AFTER_MS = 100;

/** What the forwarding reads of the update queue and the webhook set with setWebhook. */
export interface WebhookSource {
  /** Queued updates of allowed types, oldest first (in flight ones included). */
  deliverable(): readonly Update[];
  /** Removes an update answered 200. */
  confirm(updateId: number): void;
  /** The webhook's `max_connections` and `secret_token`, or undefined while no webhook is set. */
  settings(): { maxConnections: number; secret: string | undefined } | undefined;
}

export class WebhookForwarding {
  readonly deliveries: WebhookDelivery[] = [];
  private targets: string[] = [];
  private nextTarget = 0;
  private readonly inFlight = new Set<number>();
  private readonly retryAt = new Map<number, number>();
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly source: WebhookSource) {}

  /** Forwards the webhook's requests to these URLs in turn (round robin), as a load balancer would. */
  forwardTo(targets: readonly string[]): void {
    this.targets = [...targets];
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** Sends what may be sent now; called whenever an update arrives or an attempt ends. */
  pump(): void {
    const settings = this.source.settings();
    if (this.stopped || settings === undefined || this.targets.length === 0) return;
    const now = Date.now();
    let nextRetry = Number.POSITIVE_INFINITY;
    for (const update of this.source.deliverable()) {
      if (this.inFlight.size >= settings.maxConnections) return;
      if (this.inFlight.has(update.update_id)) continue;
      const retryAt = this.retryAt.get(update.update_id) ?? 0;
      if (retryAt > now) {
        nextRetry = Math.min(nextRetry, retryAt);
        continue;
      }
      this.send(update, settings.secret);
    }
    if (nextRetry !== Number.POSITIVE_INFINITY) {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.pump(), nextRetry - now);
    }
  }

  private send(update: Update, secret: string | undefined): void {
    const target = this.targets[this.nextTarget++ % this.targets.length]!;
    this.inFlight.add(update.update_id);
    void post(target, update, secret).then((status) => {
      this.inFlight.delete(update.update_id);
      this.deliveries.push({ updateId: update.update_id, target, status });
      if (this.stopped) return;
      if (status === 200) {
        this.retryAt.delete(update.update_id);
        this.source.confirm(update.update_id);
      } else {
        this.retryAt.set(update.update_id, Date.now() + RETRY_AFTER_MS);
      }
      this.pump();
    });
  }
}

/** One webhook request on a connection of its own; resolves with the status, 0 when no answer came. */
function post(target: string, update: Update, secret: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = request(
      target,
      {
        method: "POST",
        agent: false,
        timeout: ATTEMPT_TIMEOUT_MS,
        headers: {
          "content-type": "application/json",
          ...(secret === undefined ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", () => resolve(0));
      },
    );
    outgoing.on("timeout", () => outgoing.destroy());
    outgoing.on("error", () => resolve(0));
    outgoing.end(JSON.stringify(update));
  });
}

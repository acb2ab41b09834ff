/** Update delivery: the queue, long polling with offsets and allowed_updates, and webhooks. */
import type { Update, WebhookInfo } from "grammy/types";
import { ApiFailure, badRequest, type Methods, type Params, type RequestContext } from "./api.js";
import { booleanParam, integerParam, jsonParam, numberParam, stringParam } from "./params.js";
import type { WebhookDelivery } from "./types.js";
import { WebhookForwarding } from "./webhook-forwarding.js";

const FIRST_UPDATE_ID = 1000;
const MAX_UPDATES_PER_POLL = 100;
const DEFAULT_MAX_CONNECTIONS = 40;

// Telegram leaves these out unless allowed_updates asks for them explicitly.
const OPT_IN_UPDATE_TYPES = new Set<string>(["chat_member", "message_reaction", "message_reaction_count"]);

const CONFLICT_OTHER_POLL =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
const CONFLICT_WEBHOOK =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

interface HeldPoll {
  limit: number;
  settle(outcome: Update[] | ApiFailure): void;
}

export class UpdateDelivery {
  /** Updates dropped because their type was not in allowed_updates. */
  readonly droppedUpdates: Update[] = [];
  private queue: Update[] = [];
  private nextUpdateId = FIRST_UPDATE_ID;
  private allowedUpdates: string[] | undefined;
  private heldPoll: HeldPoll | undefined;
  private wakeScheduled = false;
  private webhookState: WebhookInfo | undefined;
  private webhookSecret: string | undefined;
  private readonly forwarding = new WebhookForwarding({
    deliverable: () => this.deliverableUpdates(Number.POSITIVE_INFINITY),
    confirm: (updateId) => {
      this.queue = this.queue.filter((update) => update.update_id !== updateId);
    },
    settings: () =>
      this.webhookState && {
        maxConnections: this.webhookState.max_connections ?? DEFAULT_MAX_CONNECTIONS,
        secret: this.webhookSecret,
      },
  });

  readonly methods: Methods = {
    getUpdates: (params, request) => this.getUpdates(params, request),
    setWebhook: (params) => this.setWebhook(params),
    deleteWebhook: (params) => this.deleteWebhook(params),
    getWebhookInfo: () => this.webhookInfo(),
  };

  get webhook(): WebhookInfo | undefined {
    return this.webhookState;
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return this.forwarding.deliveries;
  }

  /** Once a webhook is set, POSTs the queued updates to these URLs in turn (see `WebhookForwarding`). */
  forwardWebhookTo(targets: readonly string[]): void {
    this.forwarding.forwardTo(targets);
  }

  /** Ends forwarding: attempts still in flight change nothing any more. */
  stopForwarding(): void {
    this.forwarding.stop();
  }

  /** Queues an update under the next update_id. */
  push(update: Omit<Update, "update_id">): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.queue.push(full);
    this.scheduleWake();
    this.forwarding.pump();
    return full;
  }

  /** Updates not yet confirmed via getUpdates offset. */
  pending(): number {
    return this.queue.length;
  }

  isLongPollHeld(): boolean {
    return this.heldPoll !== undefined;
  }

  /** Answers a held long poll with nothing, as when the server goes away. */
  releaseHeldPoll(): void {
    this.heldPoll?.settle([]);
  }

  private getUpdates(params: Params, request: RequestContext): Update[] | Promise<Update[]> {
    if (this.webhookState) throw new ApiFailure(409, CONFLICT_WEBHOOK);
    this.heldPoll?.settle(new ApiFailure(409, CONFLICT_OTHER_POLL));
    this.rememberAllowedUpdates(params);
    const offset = integerParam(params, "offset");
    if (offset !== undefined) this.confirmUpdatesBefore(offset);
    const limit = Math.min(MAX_UPDATES_PER_POLL, Math.max(1, integerParam(params, "limit") ?? MAX_UPDATES_PER_POLL));
    const timeoutSeconds = Math.max(0, numberParam(params, "timeout") ?? 0);

    const ready = this.deliverableUpdates(limit);
    if (ready.length > 0 || timeoutSeconds === 0) return ready;
    return this.holdPoll(limit, timeoutSeconds, request);
  }

  /** Keeps the request open until an update arrives, the timeout passes, or another poll replaces it. */
  private holdPoll(limit: number, timeoutSeconds: number, request: RequestContext): Promise<Update[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => poll.settle(this.deliverableUpdates(limit)), timeoutSeconds * 1000);
      const poll: HeldPoll = {
        limit,
        settle: (outcome) => {
          clearTimeout(timer);
          if (this.heldPoll === poll) this.heldPoll = undefined;
          if (outcome instanceof ApiFailure) reject(outcome);
          else resolve(outcome);
        },
      };
      this.heldPoll = poll;
      request.onClientGone(() => poll.settle([]));
    });
  }

  /** Batches synchronous pushes into one long-poll answer. */
  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    queueMicrotask(() => {
      this.wakeScheduled = false;
      const poll = this.heldPoll;
      if (!poll) return;
      const ready = this.deliverableUpdates(poll.limit);
      if (ready.length > 0) poll.settle(ready);
    });
  }

  /** Like Telegram: a positive offset forgets ids below it; a negative one keeps only the last -offset. */
  private confirmUpdatesBefore(offset: number): void {
    this.queue = offset < 0 ? this.queue.slice(offset) : this.queue.filter((update) => update.update_id >= offset);
  }

  /** Drops queued updates of types not allowed, then returns the first `limit` ones. */
  private deliverableUpdates(limit: number): Update[] {
    const allowed: Update[] = [];
    for (const update of this.queue) {
      if (this.isAllowed(updateType(update))) allowed.push(update);
      else this.droppedUpdates.push(update);
    }
    this.queue = allowed;
    return allowed.slice(0, limit);
  }

  private isAllowed(type: string): boolean {
    return this.allowedUpdates ? this.allowedUpdates.includes(type) : !OPT_IN_UPDATE_TYPES.has(type);
  }

  /** Telegram remembers the last allowed_updates list; an empty list restores the default. */
  private rememberAllowedUpdates(params: Params): void {
    const list = jsonParam(params, "allowed_updates");
    if (list === undefined) return;
    if (!Array.isArray(list)) throw badRequest("can't parse allowed_updates JSON array");
    this.allowedUpdates = list.length > 0 ? list.map(String) : undefined;
  }

  private dropPendingUpdates(): void {
    this.droppedUpdates.push(...this.queue);
    this.queue = [];
  }

  private setWebhook(params: Params): true {
    const url = stringParam(params, "url") ?? "";
    if (url !== "" && !/^https:\/\//i.test(url)) {
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    this.rememberAllowedUpdates(params);
    if (booleanParam(params, "drop_pending_updates")) this.dropPendingUpdates();
    if (url === "") {
      this.webhookState = undefined;
      return true;
    }
    this.webhookState = {
      url,
      has_custom_certificate: false,
      pending_update_count: 0,
      max_connections: integerParam(params, "max_connections") ?? DEFAULT_MAX_CONNECTIONS,
    };
    this.webhookSecret = stringParam(params, "secret_token");
    this.heldPoll?.settle(new ApiFailure(409, CONFLICT_WEBHOOK));
    this.forwarding.pump();
    return true;
  }

  private deleteWebhook(params: Params): true {
    if (booleanParam(params, "drop_pending_updates")) this.dropPendingUpdates();
    this.webhookState = undefined;
    return true;
  }

  private webhookInfo(): WebhookInfo {
    const info: WebhookInfo = {
      url: this.webhookState?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
    };
    if (this.webhookState?.max_connections !== undefined) info.max_connections = this.webhookState.max_connections;
    if (this.allowedUpdates) info.allowed_updates = this.allowedUpdates as WebhookInfo["allowed_updates"];
    return info;
  }
}

function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "";
}

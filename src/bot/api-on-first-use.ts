import {
  Api,
  Bot,
  BotError,
  Context,
  type ApiClientOptions,
  type Transformer,
  type WebhookReplyEnvelope,
} from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";

/** What a handler may do with an update's api before it is built. */
export interface ApiOnFirstUseFlavor {
  installOnApi(...transformers: Transformer[]): void;
}

/**
 * A context whose `api` is built the first time a handler calls Telegram through it. grammY
 * builds one for every update before any handler runs (a client, its options, the bot's
 * transformers copied, and regbot's own per-update ones), and most group messages never call
 * Telegram: in the ingest benchmark those objects were most of what the young generation's
 * collections promoted, and so most of their time.
 */
export class ApiOnFirstUseContext extends Context implements ApiOnFirstUseFlavor {
  #api: Api | undefined;
  #transformers: Transformer[] | undefined;
  readonly #buildApi: () => Api;

  constructor(update: Update, buildApi: () => Api, me: UserFromGetMe) {
    // grammY's constructor assigns `api`; the setter below takes the undefined and nothing else.
    super(update, undefined as unknown as Api, me);
    this.#buildApi = buildApi;
  }

  installOnApi(...transformers: Transformer[]): void {
    if (this.#api !== undefined) this.#api.config.use(...transformers);
    else this.#transformers = [...(this.#transformers ?? []), ...transformers];
  }

  static {
    // Context declares `api` as a field: an accessor can only replace it on the prototype.
    Object.defineProperty(ApiOnFirstUseContext.prototype, "api", {
      get(this: ApiOnFirstUseContext): Api {
        if (this.#api === undefined) {
          this.#api = this.#buildApi();
          if (this.#transformers !== undefined) this.#api.config.use(...this.#transformers);
        }
        return this.#api;
      },
      set(api: Api | undefined) {
        if (api !== undefined) throw new TypeError("an update's api is built on first use, never assigned");
      },
    });
  }
}

/** grammY's Bot, handing each update an `ApiOnFirstUseContext` (grammY's `handleUpdate` otherwise, errors wrapped the same way). */
export class ApiOnFirstUseBot<C extends Context & ApiOnFirstUseFlavor> extends Bot<C> {
  constructor(
    token: string,
    private readonly client: ApiClientOptions = {},
  ) {
    super(token, { client });
  }

  override async handleUpdate(update: Update, webhookReplyEnvelope?: WebhookReplyEnvelope): Promise<void> {
    const ctx = new ApiOnFirstUseContext(
      update,
      () => this.updateApi(webhookReplyEnvelope),
      this.botInfo,
    ) as unknown as C;
    try {
      await this.middleware()(ctx, () => Promise.resolve());
    } catch (error) {
      throw new BotError(error, ctx);
    }
  }

  /** As grammY builds it: the bot's own transformers on a client of the same options. */
  private updateApi(webhookReplyEnvelope: WebhookReplyEnvelope | undefined): Api {
    const api = new Api(this.token, this.client, webhookReplyEnvelope);
    const transformers = this.api.config.installedTransformers();
    if (transformers.length > 0) api.config.use(...transformers);
    return api;
  }
}

/** The fake's HTTP server: routes each request to its method family, records it, injects faults. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buffer } from "node:stream/consumers";
import type {
  BotCommand,
  BotCommandScope,
  ChatMember,
  Message,
  MenuButton,
  Update,
  UserFromGetMe,
  WebhookInfo,
} from "grammy/types";
import { ApiFailure, tooManyRequests, type MethodHandler } from "./api.js";
import { deliver, failureReply, invoke, type Outcome } from "./answers.js";
import { BotSettings } from "./bot-settings.js";
import { DEFAULT_BOT_USER } from "./bot-user.js";
import { CallbackQueries } from "./callback-queries.js";
import { Chats } from "./chats.js";
import { FileStore } from "./files.js";
import { learnFromUpdate } from "./learn-from-updates.js";
import { Messages } from "./messages.js";
import { parseFileRoute, parseParams, parseRoute } from "./requests.js";
import type {
  CallbackAnswer,
  FakeBotApi,
  FakeBotApiOptions,
  FakeChatInfo,
  FakeFile,
  Fault,
  RecordedCall,
  SentDocument,
  WebhookDelivery,
} from "./types.js";
import { UpdateDelivery } from "./updates.js";

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const WAIT_FOR_INTERVAL_MS = 10;

export class FakeTelegram implements FakeBotApi {
  readonly token: string;
  botUser: UserFromGetMe;
  readonly calls: RecordedCall[] = [];
  readonly unimplemented: string[] = [];
  readonly internalErrors: string[] = [];

  private readonly now: () => number;
  private readonly server: Server;
  private root = "";
  private closed = false;
  private readonly faults = new Map<string, Fault[]>();

  private readonly updates = new UpdateDelivery();
  private readonly chats = new Chats(() => this.botUser);
  private readonly messages: Messages;
  private readonly callbackQueries = new CallbackQueries();
  private readonly settings = new BotSettings();
  private readonly files: FileStore;
  private readonly handlers: ReadonlyMap<string, MethodHandler>;

  constructor(options: FakeBotApiOptions) {
    this.token = options.token;
    this.botUser = { ...DEFAULT_BOT_USER, ...options.botUser };
    this.now = options.now ?? Date.now;
    this.messages = new Messages({
      chats: this.chats,
      botUser: () => this.botUser,
      now: this.now,
      enforceRateLimits: options.enforceRateLimits ?? false,
      maxUploadBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES,
      unimplemented: this.unimplemented,
    });
    this.files = new FileStore(this.token);
    const table = {
      getMe: () => this.botUser,
      ...this.updates.methods,
      ...this.messages.methods,
      ...this.callbackQueries.methods,
      ...this.settings.methods,
      ...this.chats.methods,
      ...this.files.methods,
    };
    // Telegram method names are case-insensitive.
    this.handlers = new Map(Object.entries(table).map(([name, handler]) => [name.toLowerCase(), handler]));
    this.server = createServer((request, response) => void this.serve(request, response));
    // No idle timeout: a server-side close racing grammY's keep-alive reuse causes flaky resets.
    this.server.keepAliveTimeout = 0;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.root = `http://127.0.0.1:${port}`;
  }

  get apiRoot(): string {
    return this.root;
  }

  get sent(): Message[] {
    return this.messages.sent;
  }

  get documents(): SentDocument[] {
    return this.messages.documents;
  }

  get edited(): Message[] {
    return this.messages.edited;
  }

  get rateLimited(): number {
    return this.messages.rateLimited;
  }

  get droppedUpdates(): Update[] {
    return this.updates.droppedUpdates;
  }

  get callbackAnswers(): CallbackAnswer[] {
    return this.callbackQueries.answers;
  }

  get webhook(): WebhookInfo | undefined {
    return this.updates.webhook;
  }

  get downloads(): string[] {
    return this.files.downloads;
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return this.updates.webhookDeliveries;
  }

  // ----- Test-facing API ---------------------------------------------------

  pushUpdate(update: Omit<Update, "update_id">): Update {
    const full = this.updates.push(update);
    learnFromUpdate(full, { chats: this.chats, messages: this.messages, callbackQueries: this.callbackQueries });
    return full;
  }

  pushUpdates(updates: ReadonlyArray<Omit<Update, "update_id">>): Update[] {
    return updates.map((update) => this.pushUpdate(update));
  }

  sentTo(chatId: number | string): Message[] {
    const id = typeof chatId === "number" ? chatId : this.chats.findChatId(chatId);
    return this.sent.filter((message) => message.chat.id === id);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method.toLowerCase() === method.toLowerCase());
  }

  currentMessage(chatId: number, messageId: number): Message | undefined {
    return this.messages.current(chatId, messageId);
  }

  commandsFor(scope?: BotCommandScope, languageCode?: string): BotCommand[] | undefined {
    return this.settings.commandsFor(scope, languageCode);
  }

  menuButton(chatId?: number): MenuButton {
    return this.settings.menuButton(chatId);
  }

  failNext(method: string, fault: Fault, times = 1): void {
    const key = method.toLowerCase();
    const pending = this.faults.get(key) ?? [];
    for (let i = 0; i < times; i++) pending.push(fault);
    this.faults.set(key, pending);
  }

  clearFaults(method: string): void {
    this.faults.delete(method.toLowerCase());
  }

  storeFile(file: FakeFile): void {
    this.files.store(file);
  }

  userStartedBot(userId: number): void {
    this.chats.userStartedBot(userId);
  }

  userBlockedBot(userId: number): void {
    this.chats.userBlockedBot(userId);
  }

  setPrivacyMode(enabled: boolean): void {
    this.botUser = { ...this.botUser, can_read_all_group_messages: !enabled };
  }

  setChatMember(chatId: number, member: ChatMember): void {
    this.chats.setChatMember(chatId, member);
  }

  setChat(chat: FakeChatInfo): void {
    this.chats.setChat(chat);
  }

  kickBotFrom(chatId: number): void {
    this.chats.kickBotFrom(chatId);
  }

  migrateChat(oldChatId: number, newChatId: number): void {
    this.chats.migrateChat(oldChatId, newChatId);
  }

  async waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let lastError: unknown;
      try {
        const value = predicate();
        if (value !== undefined && value !== null && value !== false) return value;
      } catch (error) {
        lastError = error; // lets predicates use expect(); retried until the deadline
      }
      if (Date.now() >= deadline) throw new Error(this.describeTimeout(timeoutMs, lastError));
      await sleep(WAIT_FOR_INTERVAL_MS);
    }
  }

  pendingUpdates(): number {
    return this.updates.pending();
  }

  forwardWebhookTo(targets: readonly string[]): void {
    this.updates.forwardWebhookTo(targets);
  }

  isLongPollHeld(): boolean {
    return this.updates.isLongPollHeld();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.updates.stopForwarding();
    this.updates.releaseHeldPoll();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Keep-alive sockets (grammY uses an agent) would otherwise keep close() waiting.
      this.server.closeAllConnections();
    });
  }

  // ----- HTTP plumbing -----------------------------------------------------

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await buffer(request);
    } catch {
      return; // client went away mid-request
    }
    const fileRoute = parseFileRoute(request.url ?? "/");
    if (fileRoute !== undefined) return this.files.serve(fileRoute, response);
    const route = parseRoute(request.url ?? "/");
    const call: RecordedCall = { method: route?.method ?? request.url ?? "", params: {}, at: this.now(), status: 0 };
    this.calls.push(call);
    let outcome: Outcome;
    try {
      outcome = await this.answer(route, request, response, body, call);
    } catch (error) {
      const description = `${call.method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      this.internalErrors.push(description);
      outcome = failureReply(new ApiFailure(500, `Internal Server Error: the fake Bot API crashed: ${description}`));
    }
    deliver(request, response, call, outcome);
  }

  private async answer(
    route: { token: string; method: string } | undefined,
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    call: RecordedCall,
  ): Promise<Outcome> {
    if (!route) return failureReply(new ApiFailure(404, "Not Found"));
    if (route.token !== this.token) return failureReply(new ApiFailure(401, "Unauthorized"));
    const { params, failure } = parseParams(request, body);
    call.params = params;

    const fault = this.faults.get(route.method.toLowerCase())?.shift();
    if (fault?.kind === "reset-before") return "reset";
    if (fault?.kind === "429") return failureReply(tooManyRequests(fault.retryAfter));
    if (fault?.kind === "500") return failureReply(new ApiFailure(500, "Internal Server Error"));

    const handler = this.handlers.get(route.method.toLowerCase());
    if (!handler) {
      this.unimplemented.push(route.method);
      const description = `Not Found: method ${route.method} is not implemented by the fake Bot API`;
      return failureReply(new ApiFailure(404, description));
    }
    if (failure) return failureReply(failure);

    const reply = await invoke(handler, params, response);
    return fault?.kind === "reset-after" ? "reset" : reply;
  }

  private describeTimeout(timeoutMs: number, lastError: unknown): string {
    const recentCalls = this.calls
      .slice(-10)
      .map((call) => `${call.method}→${call.status}`)
      .join(", ");
    const lines = [
      `waitFor timed out after ${timeoutMs} ms`,
      lastError instanceof Error ? `last predicate error: ${lastError.message}` : undefined,
      `recent Bot API calls: ${recentCalls || "none"}`,
      `pending updates: ${this.updates.pending()}, dropped updates: ${this.droppedUpdates.length}`,
      this.unimplemented.length > 0 ? `unimplemented methods called: ${this.unimplemented.join(", ")}` : undefined,
    ];
    return lines.filter((line) => line !== undefined).join("\n  ");
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

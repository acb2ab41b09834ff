/**
 * A stateful fake of the Telegram Bot API HTTP server for integration and e2e tests.
 *
 * Point grammY at it with `new Bot(token, { client: { apiRoot: fake.apiRoot } })`.
 * It behaves like Telegram where bots usually get it wrong (offsets, long polling,
 * HTML parsing, 403/400/429 answers) and is loud about everything it does not
 * implement: such calls land in `unimplemented`, which tests should assert empty.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buffer } from "node:stream/consumers";
import type {
  BotCommand,
  BotCommandScope,
  MenuButton,
  Chat,
  File as TelegramFile,
  ChatFullInfo,
  ChatMember,
  InlineKeyboardMarkup,
  Message,
  ResponseParameters,
  Update,
  User,
  UserFromGetMe,
  WebhookInfo,
} from "grammy/types";
import {
  EntityParseError,
  finishFormattedText,
  validateExplicitEntities,
  type FormattedText,
} from "./telegram-entities.js";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export interface FakeBotApiOptions {
  token: string;
  botUser?: Partial<UserFromGetMe>;
  /** Answer sendMessage/editMessageText with 429 when Telegram's flood limits would. */
  enforceRateLimits?: boolean;
  /** Clock in milliseconds for message dates, `calls[].at` and rate limits. Default Date.now. */
  now?: () => number;
  /** Largest file a bot may upload: Telegram's 50 MB unless a test wants a smaller cap. */
  maxUploadBytes?: number;
}

/** A failure injected with `failNext`. */
export type Fault =
  | { kind: "429"; retryAfter: number }
  | { kind: "500" }
  /** Drop the connection before the method runs: the request had no effect. */
  | { kind: "reset-before" }
  /** Run the method fully, then drop the connection without answering. */
  | { kind: "reset-after" };

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** `now()` when the request arrived. */
  at: number;
  /** HTTP status answered (equals Telegram's error_code); 0 = no answer (reset, client gone, or still held). */
  status: number;
}

export type UpdateType = Exclude<keyof Update, "update_id">;

/** Chat info for `setChat`: a Chat plus any ChatFullInfo fields that `getChat` should return. */
export type FakeChatInfo = Partial<ChatFullInfo> & Pick<Chat, "id" | "type">;

export interface SentDocument {
  message: Message;
  bytes: Buffer;
}

export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

/** A file Telegram stores, as `storeFile` puts it there. */
export interface FakeFile {
  fileId: string;
  fileUniqueId?: string;
  /** Where Telegram keeps it, e.g. `voice/file_12.oga`. */
  filePath: string;
  /** The bytes served; or only a size, for a file too big for bots to download anyway. */
  contents: Buffer | { size: number };
}

export interface FakeBotApi {
  readonly apiRoot: string;
  readonly token: string;
  readonly botUser: UserFromGetMe;
  /** Every request received, in arrival order. */
  readonly calls: RecordedCall[];
  /** Messages the bot sent successfully (as returned by sendMessage and sendDocument), in order. */
  readonly sent: Message[];
  /** Documents the bot uploaded with sendDocument, with the bytes received, in order. */
  readonly documents: SentDocument[];
  /** Results of successful editMessageText calls, in order. */
  readonly edited: Message[];
  /** Methods (or method modes) the fake does not implement; tests should assert this is empty. */
  readonly unimplemented: string[];
  /** Bugs inside the fake itself (answered 500); tests should assert this is empty too. */
  readonly internalErrors: string[];
  /** Updates dropped because their type was not in allowed_updates. */
  readonly droppedUpdates: Update[];
  /** Successful answerCallbackQuery calls. */
  readonly callbackAnswers: CallbackAnswer[];
  /** Number of 429 answers caused by `enforceRateLimits` (injected faults are not counted). */
  readonly rateLimited: number;
  /** The webhook set via setWebhook, if any. */
  readonly webhook: WebhookInfo | undefined;
  /** Paths of the files the bot downloaded, in order. */
  readonly downloads: string[];

  pushUpdate(update: Omit<Update, "update_id">): Update;
  pushUpdates(updates: ReadonlyArray<Omit<Update, "update_id">>): Update[];
  sentTo(chatId: number | string): Message[];
  callsTo(method: string): RecordedCall[];
  /** Current state of a message the bot sent (after edits), or of one seen in a pushed update. */
  currentMessage(chatId: number, messageId: number): Message | undefined;
  /** Commands set with setMyCommands for a scope (default scope) and language code. */
  commandsFor(scope?: BotCommandScope, languageCode?: string): BotCommand[] | undefined;
  /** The menu button set with setChatMenuButton for a private chat, or the default one (no chat). */
  menuButton(chatId?: number): MenuButton;
  failNext(method: string, fault: Fault, times?: number): void;
  /** Drops the faults still queued for a method: the network is back. */
  clearFaults(method: string): void;
  /** Makes a file (say, a pushed voice message's) available to getFile and the download URL. */
  storeFile(file: FakeFile): void;

  userStartedBot(userId: number): void;
  userBlockedBot(userId: number): void;
  /** As @BotFather's /setprivacy: with privacy mode off, getMe says the bot reads all group messages. */
  setPrivacyMode(enabled: boolean): void;
  setChatMember(chatId: number, member: ChatMember): void;
  setChat(chat: FakeChatInfo): void;
  kickBotFrom(chatId: number): void;
  migrateChat(oldChatId: number, newChatId: number): void;

  /** Polls `predicate` until it returns something other than undefined/null/false (or stops throwing). */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Updates not yet confirmed via getUpdates offset. */
  pendingUpdates(): number;
  /** True while a getUpdates long poll is being held open. */
  isLongPollHeld(): boolean;
  close(): Promise<void>;
}

export async function startFakeBotApi(options: FakeBotApiOptions): Promise<FakeBotApi> {
  const fake = new FakeTelegram(options);
  await fake.listen();
  return fake;
}

// ---------------------------------------------------------------------------
// Constants and small helpers
// ---------------------------------------------------------------------------

const DEFAULT_BOT_USER: UserFromGetMe = {
  id: 7000001,
  is_bot: true,
  first_name: "regbot",
  username: "regbot_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

const FIRST_UPDATE_ID = 1000;
const FIRST_MESSAGE_ID = 100000;
const MAX_MESSAGE_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_UPDATES_PER_POLL = 100;
/** Bots may download files of up to 20 MB. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const WAIT_FOR_INTERVAL_MS = 10;

// Telegram leaves these out unless allowed_updates asks for them explicitly.
const OPT_IN_UPDATE_TYPES = new Set<string>(["chat_member", "message_reaction", "message_reaction_count"]);

const CONFLICT_OTHER_POLL =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
const CONFLICT_WEBHOOK =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a " +
  "current content and reply markup of the message";
const INVALID_CALLBACK_QUERY = "query is too old and response timeout expired or query ID is invalid";

type Params = Record<string, unknown>;

/** A Telegram error answer; thrown by method handlers. */
class ApiFailure extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

const badRequest = (what: string, parameters?: ResponseParameters) =>
  new ApiFailure(400, `Bad Request: ${what}`, parameters);
const forbidden = (what: string) => new ApiFailure(403, `Forbidden: ${what}`);
const tooLarge = () => new ApiFailure(413, "Request Entity Too Large");
const tooManyRequests = (retryAfter: number) =>
  new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

interface ApiReply {
  status: number;
  body: Record<string, unknown>;
}

/** What to do with the HTTP exchange: answer, or drop the connection. */
type Outcome = ApiReply | "reset";

function okReply(result: unknown): ApiReply {
  return { status: 200, body: { ok: true, result } };
}

function failureReply(failure: ApiFailure): ApiReply {
  const body: Record<string, unknown> = { ok: false, error_code: failure.errorCode, description: failure.description };
  if (failure.parameters) body.parameters = failure.parameters;
  return { status: failure.errorCode, body };
}

interface RequestContext {
  /** Called if the client disconnects before the answer is written. */
  onClientGone(listener: () => void): void;
}

type MethodHandler = (params: Params, request: RequestContext) => unknown;

interface HeldPoll {
  limit: number;
  settle(outcome: Update[] | ApiFailure): void;
}

interface StoredMessage {
  message: Message;
  sentByBot: boolean;
}

// Params arrive as JSON values or, from form bodies and query strings, as strings; files from multipart bodies.

/** A file part of a multipart/form-data request. */
class UploadedFile {
  constructor(
    readonly fileName: string,
    readonly bytes: Buffer,
  ) {}
}

/** A file given directly under the parameter's name, or as `attach://<part name>` like InputMedia does. */
function fileParam(params: Params, name: string): UploadedFile | string | undefined {
  const value = params[name];
  if (value instanceof UploadedFile) return value;
  if (typeof value !== "string") return undefined;
  const attached = /^attach:\/\/(.+)$/.exec(value);
  if (!attached) return value;
  const file = params[attached[1]!];
  if (!(file instanceof UploadedFile)) throw badRequest(`can't find attached file "${attached[1]}"`);
  return file;
}

function integerParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) throw badRequest(`field "${name}" must be an Integer`);
  return number;
}

function numberParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || Number.isNaN(number)) throw badRequest(`field "${name}" must be a Number`);
  return number;
}

function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value === "number") return String(value);
  return typeof value === "string" ? value : undefined;
}

function booleanParam(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === "true" || value === "1";
}

function jsonParam(params: Params, name: string): unknown {
  const value = params[name];
  if (typeof value !== "string") return value ?? undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(`can't parse ${name} JSON object`);
  }
}

/** JSON with sorted keys, so structurally equal values compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "";
}

function chatTypeFromId(chatId: number): Chat["type"] {
  if (chatId > 0) return "private";
  return String(chatId).startsWith("-100") ? "supergroup" : "group";
}

function placeholderUser(id: number): User {
  return { id, is_bot: false, first_name: `User ${id}` };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `/file/bot<token>/<file_path>` → its parts. */
function parseFileRoute(url: string): { token: string; filePath: string } | undefined {
  const match = /^\/file\/bot([^/]+)\/([^?]+)/.exec(url);
  return match
    ? { token: decodeURIComponent(match[1] ?? ""), filePath: decodeURIComponent(match[2] ?? "") }
    : undefined;
}

/** `/bot<token>/<method>` → its parts. */
function parseRoute(url: string): { token: string; method: string } | undefined {
  const match = /^\/bot([^/]+)\/([^/?]+)/.exec(url);
  return match ? { token: decodeURIComponent(match[1] ?? ""), method: match[2] ?? "" } : undefined;
}

/** Reads params from the query string and a JSON, form-urlencoded or multipart body. */
function parseParams(request: IncomingMessage, body: Buffer): { params: Params; failure?: ApiFailure } {
  const query: Params = Object.fromEntries(new URL(request.url ?? "/", "http://fake").searchParams);
  if (body.length === 0) return { params: query };
  const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType === "multipart/form-data") {
    const boundary = /boundary="?([^";]+)"?/i.exec(request.headers["content-type"] ?? "")?.[1];
    const parts = boundary === undefined ? undefined : multipartParts(body, boundary);
    if (parts === undefined) return { params: query, failure: badRequest("can't parse multipart/form-data body") };
    return { params: { ...query, ...parts } };
  }
  if (contentType === "application/x-www-form-urlencoded") {
    return { params: { ...query, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) } };
  }
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return { params: { ...query, ...parsed } };
  } catch {
    // fall through to the failure below
  }
  return { params: query, failure: badRequest("can't parse request JSON object") };
}

/**
 * The fields of a multipart/form-data body (RFC 7578): text parts as strings, file parts (those
 * with a filename, quoted or not, as grammY writes it) as UploadedFile. Undefined when malformed.
 */
function multipartParts(body: Buffer, boundary: string): Params | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const params: Params = {};
  let position = body.indexOf(delimiter);
  if (position < 0) return undefined;
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === "--") return params;
    const headersEnd = body.indexOf("\r\n\r\n", position);
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headersEnd);
    if (headersEnd < 0 || next < 0) return undefined;
    const headers = body.subarray(position, headersEnd).toString("utf8");
    const disposition = /content-disposition:\s*form-data(.*)/i.exec(headers)?.[1] ?? "";
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const data = body.subarray(headersEnd + 4, next);
    const fileName = /;\s*filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(disposition);
    params[name] = fileName
      ? new UploadedFile(fileName[1] ?? fileName[2]!.trim(), Buffer.from(data))
      : data.toString("utf8");
    position = next + 2;
  }
}

// ---------------------------------------------------------------------------
// Rate limits
// ---------------------------------------------------------------------------

/** One flood limit: how long until one more message fits, and recording that it was sent. */
interface FloodLimit {
  secondsUntilAvailable(nowMs: number): number;
  record(nowMs: number): void;
}

/** Token bucket: allows a burst of `capacity`, then `refillPerSecond` messages per second. */
class TokenBucket implements FloodLimit {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = nowMs;
  }

  secondsUntilAvailable(nowMs: number): number {
    const elapsedSeconds = Math.max(0, nowMs - this.updatedAt) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.refillPerSecond);
    this.updatedAt = nowMs;
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.refillPerSecond;
  }

  record(): void {
    this.tokens -= 1;
  }
}

/** At most `max` messages in any window of `windowMs` (no refill within the window). */
class SlidingWindow implements FloodLimit {
  private sentAt: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  secondsUntilAvailable(nowMs: number): number {
    this.sentAt = this.sentAt.filter((at) => at > nowMs - this.windowMs);
    const oldest = this.sentAt[0];
    return this.sentAt.length < this.max || oldest === undefined ? 0 : (oldest + this.windowMs - nowMs) / 1000;
  }

  record(nowMs: number): void {
    this.sentAt.push(nowMs);
  }
}

/** Telegram's published limits: 1 msg/s per chat (burst 3), 20 msgs/min per group, 30 msgs/s overall. */
class FloodControl {
  private readonly overall = new SlidingWindow(30, 1000);
  private readonly perChat = new Map<number, FloodLimit>();
  private readonly perGroup = new Map<number, FloodLimit>();

  constructor(private readonly now: () => number) {}

  /** Records one message to the chat, or returns the retry_after seconds if a limit would be exceeded. */
  tryConsume(chatId: number): number | undefined {
    const nowMs = this.now();
    const limits = [this.overall, limitFor(this.perChat, chatId, () => new TokenBucket(3, 1, nowMs))];
    if (chatId < 0) limits.push(limitFor(this.perGroup, chatId, () => new SlidingWindow(20, 60_000)));
    const waitSeconds = Math.max(...limits.map((limit) => limit.secondsUntilAvailable(nowMs)));
    if (waitSeconds > 0) return Math.max(1, Math.ceil(waitSeconds));
    for (const limit of limits) limit.record(nowMs);
    return undefined;
  }
}

function limitFor(limits: Map<number, FloodLimit>, chatId: number, create: () => FloodLimit): FloodLimit {
  let limit = limits.get(chatId);
  if (!limit) {
    limit = create();
    limits.set(chatId, limit);
  }
  return limit;
}

// ---------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------

class FakeTelegram implements FakeBotApi {
  readonly token: string;
  botUser: UserFromGetMe;
  readonly calls: RecordedCall[] = [];
  readonly sent: Message[] = [];
  readonly documents: SentDocument[] = [];
  readonly edited: Message[] = [];
  readonly unimplemented: string[] = [];
  readonly internalErrors: string[] = [];
  readonly droppedUpdates: Update[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly downloads: string[] = [];

  private readonly now: () => number;
  private readonly maxUploadBytes: number;
  private readonly floodControl: FloodControl | undefined;
  private readonly server: Server;
  private root = "";
  private closed = false;
  private rateLimitedCount = 0;

  // Update delivery
  private queue: Update[] = [];
  private nextUpdateId = FIRST_UPDATE_ID;
  private allowedUpdates: string[] | undefined;
  private heldPoll: HeldPoll | undefined;
  private wakeScheduled = false;
  private webhookState: WebhookInfo | undefined;

  // World state
  private readonly chats = new Map<number, FakeChatInfo>();
  private readonly members = new Map<number, Map<number, ChatMember>>();
  private readonly startedBy = new Set<number>();
  private readonly blockedBy = new Set<number>();
  private readonly kickedFrom = new Set<number>();
  private readonly leftChats = new Set<number>();
  private readonly migrations = new Map<number, number>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly callbackQueries = new Map<string, "pending" | "answered">();
  private readonly uploads = new Map<string, { document: NonNullable<Message["document"]>; bytes: Buffer }>();
  private readonly commands = new Map<string, BotCommand[]>();
  /** Menu buttons by private chat id; `default` for every chat without its own. */
  private readonly menuButtons = new Map<number | "default", MenuButton>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly files = new Map<string, FakeFile>();

  private readonly handlers: ReadonlyMap<string, MethodHandler>;

  constructor(options: FakeBotApiOptions) {
    this.token = options.token;
    this.botUser = { ...DEFAULT_BOT_USER, ...options.botUser };
    this.now = options.now ?? Date.now;
    this.maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
    this.floodControl = options.enforceRateLimits ? new FloodControl(this.now) : undefined;
    this.handlers = this.createHandlers();
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

  get rateLimited(): number {
    return this.rateLimitedCount;
  }

  get webhook(): WebhookInfo | undefined {
    return this.webhookState;
  }

  // ----- Test-facing API ---------------------------------------------------

  pushUpdate(update: Omit<Update, "update_id">): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.learnFromUpdate(full);
    this.queue.push(full);
    this.scheduleWake();
    return full;
  }

  pushUpdates(updates: ReadonlyArray<Omit<Update, "update_id">>): Update[] {
    return updates.map((update) => this.pushUpdate(update));
  }

  sentTo(chatId: number | string): Message[] {
    const id = typeof chatId === "number" ? chatId : this.findChatId(chatId);
    return this.sent.filter((message) => message.chat.id === id);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method.toLowerCase() === method.toLowerCase());
  }

  currentMessage(chatId: number, messageId: number): Message | undefined {
    return this.messages.get(messageKey(chatId, messageId))?.message;
  }

  commandsFor(scope?: BotCommandScope, languageCode?: string): BotCommand[] | undefined {
    return this.commands.get(commandsKey(scope, languageCode));
  }

  menuButton(chatId?: number): MenuButton {
    return (
      (chatId === undefined ? undefined : this.menuButtons.get(chatId)) ??
      this.menuButtons.get("default") ?? { type: "default" }
    );
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
    this.files.set(file.fileId, file);
  }

  userStartedBot(userId: number): void {
    this.startedBy.add(userId);
    this.blockedBy.delete(userId);
    if (!this.chats.has(userId)) this.chats.set(userId, { id: userId, type: "private", first_name: `User ${userId}` });
  }

  userBlockedBot(userId: number): void {
    this.blockedBy.add(userId);
  }

  setPrivacyMode(enabled: boolean): void {
    this.botUser = { ...this.botUser, can_read_all_group_messages: !enabled };
  }

  setChatMember(chatId: number, member: ChatMember): void {
    const chatMembers = this.members.get(chatId) ?? new Map<number, ChatMember>();
    chatMembers.set(member.user.id, member);
    this.members.set(chatId, chatMembers);
    if (member.user.id === this.botUser.id) this.applyBotMembership(chatId, member.status);
  }

  setChat(chat: FakeChatInfo): void {
    this.chats.set(chat.id, { ...chat });
  }

  kickBotFrom(chatId: number): void {
    this.setChatMember(chatId, { status: "kicked", user: this.botAsUser(), until_date: 0 });
  }

  migrateChat(oldChatId: number, newChatId: number): void {
    this.migrations.set(oldChatId, newChatId);
    const old = this.chats.get(oldChatId);
    const title = old?.title ?? `Chat ${newChatId}`;
    this.chats.set(newChatId, { ...old, id: newChatId, type: "supergroup", title } as FakeChatInfo);
    const oldMembers = this.members.get(oldChatId);
    if (oldMembers) this.members.set(newChatId, new Map(oldMembers));
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
    return this.queue.length;
  }

  isLongPollHeld(): boolean {
    return this.heldPoll !== undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.heldPoll?.settle([]);
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
    if (fileRoute !== undefined) return this.serveFile(fileRoute, response);
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
    this.deliver(request, response, call, outcome);
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

    const fault = this.takeFault(route.method);
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

    const reply = await this.invoke(handler, params, response);
    return fault?.kind === "reset-after" ? "reset" : reply;
  }

  private async invoke(handler: MethodHandler, params: Params, response: ServerResponse): Promise<ApiReply> {
    const context: RequestContext = {
      onClientGone: (listener) =>
        response.on("close", () => {
          if (!response.writableFinished) listener();
        }),
    };
    try {
      return okReply(await handler(params, context));
    } catch (error) {
      if (error instanceof ApiFailure) return failureReply(error);
      if (error instanceof EntityParseError) return failureReply(badRequest(error.message));
      throw error;
    }
  }

  private deliver(request: IncomingMessage, response: ServerResponse, call: RecordedCall, outcome: Outcome): void {
    if (outcome === "reset") {
      request.socket.destroy();
      return;
    }
    if (response.destroyed || request.socket.destroyed) return; // client gone, or the server was closed
    call.status = outcome.status;
    const json = JSON.stringify(outcome.body);
    response.writeHead(outcome.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
    });
    response.end(json);
  }

  /** Like Telegram's file server: the bytes, or a bare 404 for a wrong token or an unknown path. */
  private serveFile(route: { token: string; filePath: string }, response: ServerResponse): void {
    const file = [...this.files.values()].find((stored) => stored.filePath === route.filePath);
    if (route.token !== this.token || file === undefined || !Buffer.isBuffer(file.contents)) {
      const json = JSON.stringify({ ok: false, error_code: 404, description: "Not Found" });
      response.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
      response.end(json);
      return;
    }
    this.downloads.push(route.filePath);
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.contents.length });
    response.end(file.contents);
  }

  private takeFault(method: string): Fault | undefined {
    return this.faults.get(method.toLowerCase())?.shift();
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
      `pending updates: ${this.queue.length}, dropped updates: ${this.droppedUpdates.length}`,
      this.unimplemented.length > 0 ? `unimplemented methods called: ${this.unimplemented.join(", ")}` : undefined,
    ];
    return lines.filter((line) => line !== undefined).join("\n  ");
  }

  // ----- Method table ------------------------------------------------------

  private createHandlers(): ReadonlyMap<string, MethodHandler> {
    const table: Record<string, MethodHandler> = {
      getMe: () => this.botUser,
      getUpdates: (params, request) => this.getUpdates(params, request),
      setWebhook: (params) => this.setWebhook(params),
      deleteWebhook: (params) => this.deleteWebhook(params),
      getWebhookInfo: () => this.webhookInfo(),
      sendMessage: (params) => this.sendMessage(params),
      sendDocument: (params) => this.sendDocument(params),
      editMessageText: (params) => this.editMessageText(params),
      answerCallbackQuery: (params) => this.answerCallbackQuery(params),
      setMyCommands: (params) => this.setMyCommands(params),
      getMyCommands: (params) => this.commands.get(commandsKeyFromParams(params)) ?? [],
      deleteMyCommands: (params) => {
        this.commands.delete(commandsKeyFromParams(params));
        return true;
      },
      setChatMenuButton: (params) => this.setChatMenuButton(params),
      getChatMenuButton: (params) => this.menuButton(integerParam(params, "chat_id")),
      getChat: (params) => this.getChat(params),
      getChatMember: (params) => this.getChatMember(params),
      getChatAdministrators: (params) => this.getChatAdministrators(params),
      leaveChat: (params) => this.leaveChat(params),
      getFile: (params) => this.getFile(params),
    };
    // Telegram method names are case-insensitive.
    return new Map(Object.entries(table).map(([name, handler]) => [name.toLowerCase(), handler]));
  }

  // ----- Updates -----------------------------------------------------------

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
      max_connections: integerParam(params, "max_connections") ?? 40,
    };
    this.heldPoll?.settle(new ApiFailure(409, CONFLICT_WEBHOOK));
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

  /** Keeps the fake's world consistent with what a pushed update implies. */
  private learnFromUpdate(update: Update): void {
    const messages = [
      update.message,
      update.edited_message,
      update.channel_post,
      update.edited_channel_post,
      update.business_message,
      update.callback_query?.message,
    ];
    for (const message of messages) {
      if (!message || message.date === 0) continue; // date 0 = inaccessible message
      this.rememberChat(message.chat);
      this.rememberMessage(message as Message, false);
    }
    // A user can only write to a bot after pressing Start.
    const privateChat = update.message?.chat ?? update.callback_query?.message?.chat;
    if (privateChat?.type === "private") this.startedBy.add(privateChat.id);

    if (update.callback_query) this.callbackQueries.set(update.callback_query.id, "pending");
    const myMembership = update.my_chat_member;
    if (myMembership) this.applyMyChatMember(myMembership.chat, myMembership.new_chat_member);
    if (update.chat_member) this.setChatMember(update.chat_member.chat.id, update.chat_member.new_chat_member);
    const otherChat = update.chat_join_request?.chat ?? update.chat_member?.chat;
    if (otherChat) this.rememberChat(otherChat);
  }

  private applyMyChatMember(chat: Chat, member: ChatMember): void {
    this.rememberChat(chat);
    if (chat.type !== "private") {
      this.setChatMember(chat.id, member);
      return;
    }
    if (member.status === "kicked") this.blockedBy.add(chat.id);
    else this.userStartedBot(chat.id);
  }

  private applyBotMembership(chatId: number, status: ChatMember["status"]): void {
    this.kickedFrom.delete(chatId);
    this.leftChats.delete(chatId);
    if (status === "kicked") this.kickedFrom.add(chatId);
    if (status === "left") this.leftChats.add(chatId);
  }

  // ----- Chats -------------------------------------------------------------

  private rememberChat(chat: Chat): void {
    if (!this.chats.has(chat.id)) this.chats.set(chat.id, { ...chat } as FakeChatInfo);
  }

  private findChatId(username: string): number | undefined {
    const wanted = username.replace(/^@/, "").toLowerCase();
    for (const chat of this.chats.values()) {
      if (chat.username?.toLowerCase() === wanted) return chat.id;
    }
    return undefined;
  }

  /** chat_id as Telegram accepts it: an integer, a numeric string, or "@username". */
  private resolveChatId(value: unknown): number {
    if (value === undefined || value === null || value === "") throw badRequest("chat_id is empty");
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
    if (typeof value === "string" && value.startsWith("@")) {
      const id = this.findChatId(value);
      if (id !== undefined) return id;
    }
    throw badRequest("chat not found");
  }

  private chatType(chatId: number): Chat["type"] {
    return this.chats.get(chatId)?.type ?? chatTypeFromId(chatId);
  }

  /** The short Chat object embedded in messages. */
  private chatSummary(chatId: number): Chat {
    const info = this.chats.get(chatId);
    if (!info) {
      const type = chatTypeFromId(chatId);
      return type === "private"
        ? { id: chatId, type, first_name: `User ${chatId}` }
        : ({ id: chatId, type, title: `Chat ${chatId}` } as Chat);
    }
    const summary: Record<string, unknown> = {};
    for (const field of ["id", "type", "title", "username", "first_name", "last_name", "is_forum"] as const) {
      if (info[field] !== undefined) summary[field] = info[field];
    }
    return summary as unknown as Chat;
  }

  /** Throws the 400/403 Telegram gives when the bot cannot write to the chat. */
  private assertCanWrite(chatId: number, { initiating }: { initiating: boolean }): void {
    const migratedTo = this.migrations.get(chatId);
    if (migratedTo !== undefined) {
      throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: migratedTo });
    }
    const type = this.chatType(chatId);
    if (type === "private") {
      if (this.blockedBy.has(chatId)) throw forbidden("bot was blocked by the user");
      if (initiating && !this.startedBy.has(chatId)) throw forbidden("bot can't initiate conversation with a user");
      return;
    }
    const kind = `${type} chat`;
    if (this.kickedFrom.has(chatId)) throw forbidden(`bot was kicked from the ${kind}`);
    if (this.leftChats.has(chatId)) throw forbidden(`bot is not a member of the ${kind}`);
  }

  /** A group may forbid its members to send, and an administrator may restrict one member: regbot too. */
  private assertMaySendMessages(chatId: number): void {
    if (this.chatType(chatId) === "private") return;
    const member = this.members.get(chatId)?.get(this.botUser.id);
    const allowed =
      member?.status === "restricted"
        ? member.can_send_messages
        : member?.status === "administrator" ||
          member?.status === "creator" ||
          this.chats.get(chatId)?.permissions?.can_send_messages !== false;
    if (!allowed) throw badRequest("not enough rights to send text messages to the chat");
  }

  private getChat(params: Params): ChatFullInfo {
    const chatId = this.resolveChatId(params.chat_id);
    const info = this.chats.get(chatId);
    if (!info) throw badRequest("chat not found");
    const defaults: Record<string, unknown> = { accent_color_id: 0, max_reaction_count: 11 };
    if (info.type === "private") {
      defaults.accepted_gift_types = {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
        gifts_from_channels: false,
      };
    }
    return { ...defaults, ...info } as ChatFullInfo;
  }

  private getChatMember(params: Params): ChatMember {
    const chatId = this.resolveChatId(params.chat_id);
    const userId = integerParam(params, "user_id");
    if (userId === undefined) throw badRequest("invalid user_id specified");
    this.assertCanWrite(chatId, { initiating: false });
    const known = this.members.get(chatId)?.get(userId);
    if (known) return known;
    if (userId === this.botUser.id) return { status: "member", user: this.botAsUser() };
    return { status: "left", user: placeholderUser(userId) };
  }

  private getChatAdministrators(params: Params): ChatMember[] {
    const chatId = this.resolveChatId(params.chat_id);
    if (this.chatType(chatId) === "private") throw badRequest("there are no administrators in the private chat");
    this.assertCanWrite(chatId, { initiating: false });
    const chatMembers = [...(this.members.get(chatId)?.values() ?? [])];
    return chatMembers.filter((member) => member.status === "creator" || member.status === "administrator");
  }

  private leaveChat(params: Params): true {
    const chatId = this.resolveChatId(params.chat_id);
    if (this.chatType(chatId) === "private") throw badRequest("chat member status can't be changed in private chats");
    this.assertCanWrite(chatId, { initiating: false });
    this.leftChats.add(chatId);
    return true;
  }

  // ----- Messages ----------------------------------------------------------

  private sendMessage(params: Params): Message {
    const chatId = this.resolveChatId(params.chat_id);
    this.assertCanWrite(chatId, { initiating: true });
    this.assertMaySendMessages(chatId);
    const content = this.formatText(params, "sendMessage");
    return this.postAsBot(chatId, params, textFields(content));
  }

  private sendDocument(params: Params): Message {
    const chatId = this.resolveChatId(params.chat_id);
    this.assertCanWrite(chatId, { initiating: true });
    const upload = this.uploadedDocument(params);
    const caption = this.formatCaption(params);
    const message = this.postAsBot(chatId, params, {
      document: upload.document,
      ...(caption
        ? { caption: caption.text, ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}) }
        : {}),
    });
    this.documents.push({ message, bytes: upload.bytes });
    return message;
  }

  /** What every send method does once its content is checked: the flood limit, the message, the record of it. */
  private postAsBot(chatId: number, params: Params, content: Partial<Message>): Message {
    const markup = this.inlineMarkup(params);
    this.enforceRateLimit(chatId);
    const chat = this.chatSummary(chatId);
    const message = {
      message_id: this.nextMessageId(chatId),
      ...(chat.type === "channel" ? { sender_chat: chat } : { from: this.botAsUser() }),
      chat,
      date: this.nowSeconds(),
      ...this.threadFields(params),
      ...this.replyFields(chatId, params),
      ...content,
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    this.rememberChat(chat); // a chat the bot wrote to is one getChat knows
    this.rememberMessage(message, true);
    this.sent.push(message);
    return message;
  }

  /** A new upload (multipart), or a document uploaded before, by its file_id. */
  private uploadedDocument(params: Params): { document: NonNullable<Message["document"]>; bytes: Buffer } {
    const file = fileParam(params, "document");
    if (file === undefined || file === "") throw badRequest("there is no document in the request");
    if (typeof file === "string") {
      if (/^https?:\/\//i.test(file)) {
        this.unimplemented.push("sendDocument(document=URL)");
        throw badRequest("documents by URL are not implemented by the fake Bot API");
      }
      const known = this.uploads.get(file);
      if (!known) throw badRequest("wrong file identifier/HTTP URL specified");
      return known;
    }
    if (file.bytes.length === 0) throw badRequest("file must be non-empty");
    if (file.bytes.length > this.maxUploadBytes) throw tooLarge();
    const id = this.uploads.size + 1;
    const document = {
      file_name: file.fileName,
      mime_type: file.fileName.toLowerCase().endsWith(".zip") ? "application/zip" : "application/octet-stream",
      file_id: `BQACAgIAAxkDAAI${id}`,
      file_unique_id: `AgAD${id}`,
      file_size: file.bytes.length,
    };
    const upload = { document, bytes: file.bytes };
    this.uploads.set(document.file_id, upload);
    return upload;
  }

  /** A caption: optional, formatted like a text, at most 1024 characters. */
  private formatCaption(params: Params): FormattedText | undefined {
    const caption = stringParam(params, "caption");
    if (caption === undefined || caption === "") return undefined;
    const entities = jsonParam(params, "caption_entities");
    const parsed =
      entities !== undefined
        ? { text: caption, entities: validateExplicitEntities(caption, entities) }
        : this.parseFormatting(caption, params, "sendDocument");
    const formatted = finishFormattedText(parsed);
    if (formatted.text.length > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
    return formatted.text === "" ? undefined : formatted;
  }

  private editMessageText(params: Params): Message {
    if (params.inline_message_id !== undefined) {
      this.unimplemented.push("editMessageText(inline_message_id)");
      throw badRequest("inline messages are not implemented by the fake Bot API");
    }
    const chatId = this.resolveChatId(params.chat_id);
    this.assertCanWrite(chatId, { initiating: false });
    const current = this.messageSentByBot(chatId, integerParam(params, "message_id"));
    const content = this.formatText(params, "editMessageText");
    const markup = this.inlineMarkup(params);
    if (isSameContent(current, { ...textFields(content), reply_markup: markup })) throw badRequest(NOT_MODIFIED);
    this.enforceRateLimit(chatId);

    // Telegram removes the inline keyboard when an edit does not repeat it.
    const { entities: _oldEntities, reply_markup: _oldMarkup, ...unchanged } = current;
    const edited = {
      ...unchanged,
      ...textFields(content),
      ...(markup ? { reply_markup: markup } : {}),
      edit_date: this.nowSeconds(),
    } as Message;
    this.rememberMessage(edited, true);
    this.edited.push(edited);
    return edited;
  }

  private messageSentByBot(chatId: number, messageId: number | undefined): Message {
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const stored = this.messages.get(messageKey(chatId, messageId));
    if (!stored?.sentByBot) throw badRequest("message to edit not found");
    return stored.message;
  }

  /** Text and entities after explicit entities, Telegram's trimming, and the emptiness/length checks. */
  private formatText(params: Params, method: string): FormattedText {
    const text = stringParam(params, "text");
    if (text === undefined || text === "") throw badRequest("message text is empty");
    const formatted = finishFormattedText(this.parseFormatting(text, params, method));
    if (formatted.text === "") throw badRequest("message text is empty");
    if (formatted.text.length > MAX_MESSAGE_LENGTH) throw badRequest("message is too long");
    return formatted;
  }

  private parseFormatting(text: string, params: Params, method: string): FormattedText {
    const entities = jsonParam(params, "entities");
    if (entities !== undefined) return { text, entities: validateExplicitEntities(text, entities) };
    const parseMode = stringParam(params, "parse_mode");
    if (parseMode === undefined || parseMode === "") return { text, entities: [] };
    // regbot sends plain text with explicit entities: a parse_mode would make user text markup.
    this.unimplemented.push(`${method}(parse_mode=${parseMode})`);
    throw badRequest(`parse_mode ${parseMode} is not implemented by the fake Bot API`);
  }

  /** The inline keyboard echoed in the Message (reply keyboards are not echoed by Telegram). */
  private inlineMarkup(params: Params): InlineKeyboardMarkup | undefined {
    const markup = jsonParam(params, "reply_markup") as Partial<InlineKeyboardMarkup> | undefined;
    if (!markup || !Array.isArray(markup.inline_keyboard)) return undefined;
    for (const button of markup.inline_keyboard.flat()) assertValidInlineButton(button as unknown as Params);
    // Telegram opens Web Apps from inline buttons in private chats only.
    if (markup.inline_keyboard.flat().some((button) => "web_app" in button) && this.resolveChatId(params.chat_id) < 0)
      throw badRequest("BUTTON_TYPE_INVALID");
    return { inline_keyboard: markup.inline_keyboard };
  }

  private threadFields(params: Params): Partial<Message> {
    const threadId = integerParam(params, "message_thread_id");
    return threadId === undefined ? {} : { message_thread_id: threadId, is_topic_message: true };
  }

  private replyFields(chatId: number, params: Params): Partial<Message> {
    const replyParameters = jsonParam(params, "reply_parameters") as Params | undefined;
    const replyToId =
      (replyParameters ? integerParam(replyParameters, "message_id") : undefined) ??
      integerParam(params, "reply_to_message_id");
    if (replyToId === undefined) return {};
    const replyChatId = replyParameters?.chat_id !== undefined ? this.resolveChatId(replyParameters.chat_id) : chatId;
    const known = this.messages.get(messageKey(replyChatId, replyToId))?.message;
    // Telegram never nests reply_to_message more than one level.
    const { reply_to_message: _nested, ...replied } = known ?? {
      message_id: replyToId,
      date: this.nowSeconds(),
      chat: this.chatSummary(replyChatId),
    };
    return { reply_to_message: replied as Message["reply_to_message"] };
  }

  private rememberMessage(message: Message, sentByBot: boolean): void {
    const key = messageKey(message.chat.id, message.message_id);
    if (!sentByBot && this.messages.get(key)?.sentByBot) return; // an update echoing our own message
    this.messages.set(key, { message, sentByBot });
  }

  private nextMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? FIRST_MESSAGE_ID - 1) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  private enforceRateLimit(chatId: number): void {
    const retryAfter = this.floodControl?.tryConsume(chatId);
    if (retryAfter === undefined) return;
    this.rateLimitedCount++;
    throw tooManyRequests(retryAfter);
  }

  // ----- Files -------------------------------------------------------------

  private getFile(params: Params): TelegramFile {
    const fileId = stringParam(params, "file_id");
    const file = fileId === undefined ? undefined : this.files.get(fileId);
    if (file === undefined) throw badRequest("invalid file_id");
    const size = Buffer.isBuffer(file.contents) ? file.contents.length : file.contents.size;
    if (size > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId ?? `unique-${file.fileId}`,
      file_size: size,
      file_path: file.filePath,
    };
  }

  // ----- Other methods -----------------------------------------------------

  private answerCallbackQuery(params: Params): true {
    const id = stringParam(params, "callback_query_id");
    if (id === undefined || this.callbackQueries.get(id) !== "pending") throw badRequest(INVALID_CALLBACK_QUERY);
    const text = stringParam(params, "text");
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    this.callbackQueries.set(id, "answered");
    this.callbackAnswers.push({ ...params, callback_query_id: id } as CallbackAnswer);
    return true;
  }

  /** Telegram accepts a menu button for private chats only; a Web App's must be https. */
  private setChatMenuButton(params: Params): true {
    const chatId = integerParam(params, "chat_id");
    if (chatId !== undefined && chatId < 0) throw badRequest("chat_id must be a private chat");
    const button = (jsonParam(params, "menu_button") ?? { type: "default" }) as Partial<MenuButton> & {
      text?: unknown;
      web_app?: { url?: unknown };
    };
    if (button.type === "web_app") {
      if (typeof button.text !== "string" || button.text === "")
        throw badRequest("can't parse menu button: text is required");
      if (typeof button.web_app?.url !== "string" || !button.web_app.url.startsWith("https://"))
        throw badRequest("BUTTON_URL_INVALID");
    } else if (button.type !== "default" && button.type !== "commands") {
      throw badRequest("can't parse menu button: unknown type");
    }
    this.menuButtons.set(chatId ?? "default", button as MenuButton);
    return true;
  }

  private setMyCommands(params: Params): true {
    const commands = jsonParam(params, "commands");
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON array");
    for (const command of commands as Array<Partial<BotCommand>>) {
      if (typeof command.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
        throw badRequest("BOT_COMMAND_INVALID");
      }
      if (typeof command.description !== "string" || command.description.length === 0) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    const key = commandsKeyFromParams(params);
    if (commands.length === 0) this.commands.delete(key);
    else this.commands.set(key, commands as BotCommand[]);
    return true;
  }

  private botAsUser(): User {
    const { id, is_bot, first_name, last_name, username } = this.botUser;
    return { id, is_bot, first_name, ...(last_name ? { last_name } : {}), username };
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

function messageKey(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

function commandsKey(scope: BotCommandScope | undefined, languageCode: string | undefined): string {
  return `${stableJson(scope ?? { type: "default" })}|${languageCode ?? ""}`;
}

function commandsKeyFromParams(params: Params): string {
  return commandsKey(jsonParam(params, "scope") as BotCommandScope | undefined, stringParam(params, "language_code"));
}

function textFields(content: FormattedText): Pick<Message, "text" | "entities"> {
  return content.entities.length > 0 ? { text: content.text, entities: content.entities } : { text: content.text };
}

type EditableContent = Pick<Message, "text" | "entities" | "reply_markup">;

/** What editMessageText compares to decide "message is not modified". */
function isSameContent(current: EditableContent, next: EditableContent): boolean {
  const comparable = (message: EditableContent) =>
    stableJson({ text: message.text, entities: message.entities ?? [], reply_markup: message.reply_markup ?? null });
  return comparable(current) === comparable(next);
}

// Button fields that style a button rather than give it an action.
const BUTTON_DECORATION_FIELDS = new Set(["text", "style", "icon_custom_emoji_id"]);

/** The inline-button checks bots most often trip over. */
function assertValidInlineButton(button: Params): void {
  if (typeof button.text !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  const data = button.callback_data;
  if (data !== undefined && (typeof data !== "string" || data === "" || Buffer.byteLength(data, "utf8") > 64)) {
    throw badRequest("BUTTON_DATA_INVALID");
  }
  if (Object.keys(button).every((field) => BUTTON_DECORATION_FIELDS.has(field))) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
}

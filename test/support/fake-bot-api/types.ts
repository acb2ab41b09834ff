/** What tests see of the fake Bot API: its options, its records and the world it lets them arrange. */
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  ChatFullInfo,
  ChatMember,
  MenuButton,
  Message,
  Update,
  UserFromGetMe,
  WebhookInfo,
} from "grammy/types";

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

/** One attempt to deliver an update to a webhook (see `forwardWebhookTo`). */
export interface WebhookDelivery {
  updateId: number;
  /** The URL the request went to. */
  target: string;
  /** HTTP status answered; 0 when no answer came (refused, reset, timed out). */
  status: number;
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
  /** Every attempt to deliver an update to a webhook, in the order they ended. */
  readonly webhookDeliveries: WebhookDelivery[];

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
  /**
   * Like a load balancer in front of several bot processes: once a webhook is set, Telegram's
   * requests go to these URLs (plain http, the webhook URL's https being the balancer's) in turn,
   * at most `max_connections` at once; an update not answered 200 is sent again, to the next one.
   * Without it, updates to a webhook wait in the queue for a test to deliver them.
   */
  forwardWebhookTo(targets: readonly string[]): void;
  /** True while a getUpdates long poll is being held open. */
  isLongPollHeld(): boolean;
  close(): Promise<void>;
}

/** Messages the bot sends and edits: sendMessage, sendDocument, editMessageText, under Telegram's flood limits. */
import type { Message, UserFromGetMe } from "grammy/types";
import { badRequest, tooManyRequests, type Methods, type Params } from "./api.js";
import { botAsUser } from "./bot-user.js";
import type { Chats } from "./chats.js";
import { FloodControl } from "./flood-control.js";
import { formatCaption, formatText, textFields } from "./formatting.js";
import { inlineMarkup } from "./inline-keyboard.js";
import { integerParam, jsonParam, stableJson } from "./params.js";
import type { SentDocument } from "./types.js";
import { Uploads } from "./uploads.js";

const FIRST_MESSAGE_ID = 100000;
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a " +
  "current content and reply markup of the message";

interface StoredMessage {
  message: Message;
  sentByBot: boolean;
}

export interface MessagesOptions {
  chats: Chats;
  botUser: () => UserFromGetMe;
  now: () => number;
  enforceRateLimits: boolean;
  maxUploadBytes: number;
  unimplemented: string[];
}

export class Messages {
  readonly sent: Message[] = [];
  readonly documents: SentDocument[] = [];
  readonly edited: Message[] = [];
  /** Number of 429 answers caused by the flood limits. */
  rateLimited = 0;
  private readonly messages = new Map<string, StoredMessage>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly chats: Chats;
  private readonly botUser: () => UserFromGetMe;
  private readonly now: () => number;
  private readonly floodControl: FloodControl | undefined;
  private readonly uploads: Uploads;
  private readonly unimplemented: string[];

  readonly methods: Methods = {
    sendMessage: (params) => this.sendMessage(params),
    sendDocument: (params) => this.sendDocument(params),
    editMessageText: (params) => this.editMessageText(params),
  };

  constructor(options: MessagesOptions) {
    this.chats = options.chats;
    this.botUser = options.botUser;
    this.now = options.now;
    this.floodControl = options.enforceRateLimits ? new FloodControl(options.now) : undefined;
    this.uploads = new Uploads(options.maxUploadBytes, options.unimplemented);
    this.unimplemented = options.unimplemented;
  }

  /** Current state of a message the bot sent (after edits), or of one seen in a pushed update. */
  current(chatId: number, messageId: number): Message | undefined {
    return this.messages.get(messageKey(chatId, messageId))?.message;
  }

  remember(message: Message, sentByBot: boolean): void {
    const key = messageKey(message.chat.id, message.message_id);
    if (!sentByBot && this.messages.get(key)?.sentByBot) return; // an update echoing our own message
    this.messages.set(key, { message, sentByBot });
  }

  private sendMessage(params: Params): Message {
    const chatId = this.chats.resolveChatId(params.chat_id);
    this.chats.assertCanWrite(chatId, { initiating: true });
    this.chats.assertMaySendMessages(chatId);
    const content = formatText(params, "sendMessage", this.unimplemented);
    return this.postAsBot(chatId, params, textFields(content));
  }

  private sendDocument(params: Params): Message {
    const chatId = this.chats.resolveChatId(params.chat_id);
    this.chats.assertCanWrite(chatId, { initiating: true });
    const upload = this.uploads.documentOf(params);
    const caption = formatCaption(params, this.unimplemented);
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
    const markup = inlineMarkup(params, chatId);
    this.enforceRateLimit(chatId);
    const chat = this.chats.chatSummary(chatId);
    const message = {
      message_id: this.nextMessageId(chatId),
      ...(chat.type === "channel" ? { sender_chat: chat } : { from: botAsUser(this.botUser()) }),
      chat,
      date: this.nowSeconds(),
      ...threadFields(params),
      ...this.replyFields(chatId, params),
      ...content,
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    this.chats.rememberChat(chat); // a chat the bot wrote to is one getChat knows
    this.remember(message, true);
    this.sent.push(message);
    return message;
  }

  private editMessageText(params: Params): Message {
    if (params.inline_message_id !== undefined) {
      this.unimplemented.push("editMessageText(inline_message_id)");
      throw badRequest("inline messages are not implemented by the fake Bot API");
    }
    const chatId = this.chats.resolveChatId(params.chat_id);
    this.chats.assertCanWrite(chatId, { initiating: false });
    const current = this.messageSentByBot(chatId, integerParam(params, "message_id"));
    const content = formatText(params, "editMessageText", this.unimplemented);
    const markup = inlineMarkup(params, chatId);
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
    this.remember(edited, true);
    this.edited.push(edited);
    return edited;
  }

  private messageSentByBot(chatId: number, messageId: number | undefined): Message {
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const stored = this.messages.get(messageKey(chatId, messageId));
    if (!stored?.sentByBot) throw badRequest("message to edit not found");
    return stored.message;
  }

  private replyFields(chatId: number, params: Params): Partial<Message> {
    const replyParameters = jsonParam(params, "reply_parameters") as Params | undefined;
    const replyToId =
      (replyParameters ? integerParam(replyParameters, "message_id") : undefined) ??
      integerParam(params, "reply_to_message_id");
    if (replyToId === undefined) return {};
    const replyChatId =
      replyParameters?.chat_id !== undefined ? this.chats.resolveChatId(replyParameters.chat_id) : chatId;
    const known = this.current(replyChatId, replyToId);
    // Telegram never nests reply_to_message more than one level.
    const { reply_to_message: _nested, ...replied } = known ?? {
      message_id: replyToId,
      date: this.nowSeconds(),
      chat: this.chats.chatSummary(replyChatId),
    };
    return { reply_to_message: replied as Message["reply_to_message"] };
  }

  private nextMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? FIRST_MESSAGE_ID - 1) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  private enforceRateLimit(chatId: number): void {
    const retryAfter = this.floodControl?.tryConsume(chatId);
    if (retryAfter === undefined) return;
    this.rateLimited++;
    throw tooManyRequests(retryAfter);
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

function messageKey(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

function threadFields(params: Params): Partial<Message> {
  const threadId = integerParam(params, "message_thread_id");
  return threadId === undefined ? {} : { message_thread_id: threadId, is_topic_message: true };
}

type EditableContent = Pick<Message, "text" | "entities" | "reply_markup">;

/** What editMessageText compares to decide "message is not modified". */
function isSameContent(current: EditableContent, next: EditableContent): boolean {
  const comparable = (message: EditableContent) =>
    stableJson({ text: message.text, entities: message.entities ?? [], reply_markup: message.reply_markup ?? null });
  return comparable(current) === comparable(next);
}

/**
 * What regbot records in a chat's correspondence log, in plain data: the bot layer turns
 * Telegram updates and API results into these drafts, the database seals them into the chain.
 */
export type EventKind =
  | "message"
  | "edit"
  | "service"
  | "member"
  | "reaction"
  | "action"
  | "bot_message"
  | "bot_edit"
  | "lifecycle"
  | "coverage"
  | "regulation"
  | "roles"
  | "window"
  | "obligation"
  | "transcript"
  | "checkpoint"
  | "rating";

export interface MediaReference {
  type: string;
  fileId: string;
  fileUniqueId: string;
  fileName?: string;
  mimeType?: string;
  fileSize?: number;
  duration?: number;
}

export interface ChatIdentity {
  telegramChatId: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
  isForum?: boolean;
}

/** Someone an event shows in the chat, with the names Telegram gave at that moment. */
export interface PersonSeen {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  isBot: boolean;
}

export interface EventDraft {
  chat: ChatIdentity;
  kind: EventKind;
  /** Unique per chat; a draft whose source is already logged is skipped (idempotence). */
  source: string;
  /** Telegram's date of what happened, in Unix seconds, when Telegram gives one. */
  telegramDate?: number;
  senderId?: number;
  messageId?: number;
  text?: string;
  replyToMessageId?: number;
  threadId?: number;
  forwardOrigin?: unknown;
  media?: MediaReference;
  /** Stored verbatim in the line: the raw update or the API result. */
  payload: unknown;
  /** People the event shows in the chat (sender, new members): kept so names and @usernames resolve. */
  people?: PersonSeen[];
  /** A group upgraded to a supergroup: the new Telegram id continues the old chat's history. */
  migration?: { fromTelegramChatId: number; toTelegramChatId: number };
}

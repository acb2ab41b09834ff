import { serviceSubtype } from "../records/service-messages.js";
import type { ExportedEvent } from "../db/export-repository.js";

/**
 * The messages of a chat's log as people saw them: an original with every later version,
 * regbot's own messages marked. Read from the stored event lines, never from Telegram.
 */
export interface Edit {
  seq: number;
  date: number;
  text: string;
  entities: TelegramEntity[];
}

export interface MediaView {
  type: string;
  fileId: string | null;
  fileUniqueId: string | null;
  fileName: string | null;
  mimeType: string | null;
  fileSize: number | null;
  duration: number | null;
  width?: number;
  height?: number;
}

export interface MessageView {
  seq: number;
  kind: "message" | "service";
  id: number;
  /** Telegram's date, Unix seconds (regbot's receipt time when Telegram gave none). */
  date: number;
  fromName: string;
  /** `user123`, or `channel123` for a message sent on behalf of a chat. */
  fromId: string;
  byRegbot: boolean;
  text: string;
  entities: TelegramEntity[];
  replyTo: number | null;
  threadId: number | null;
  forwardedFrom: string | null;
  media: MediaView | null;
  /** Service messages: what happened, in Telegram Desktop's words where it has one. */
  action: { name: string; details: Record<string, unknown> } | null;
  /** The original first, then every edit in the order received. */
  versions: Edit[];
  /** An edit of a message sent before the exported period. */
  originalOutsidePeriod: boolean;
}

export interface TelegramEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: { id: number };
  language?: string;
  custom_emoji_id?: string;
}

interface TelegramMessage {
  message_id: number;
  date: number;
  edit_date?: number;
  chat: { id: number };
  from?: { id: number; first_name: string; last_name?: string; username?: string; is_bot?: boolean };
  sender_chat?: { id: number; title?: string };
  text?: string;
  caption?: string;
  entities?: TelegramEntity[];
  caption_entities?: TelegramEntity[];
  photo?: Array<{ width: number; height: number }>;
  video?: { width: number; height: number };
  forward_origin?: { type: string; sender_user?: { first_name: string; last_name?: string }; sender_user_name?: string; chat?: { title?: string }; sender_chat?: { title?: string } };
  [field: string]: unknown;
}

const MESSAGE_KINDS = new Set(["message", "service", "bot_message"]);
const EDIT_KINDS = new Set(["edit", "bot_edit"]);

export function isMessageEvent(event: ExportedEvent): boolean {
  return MESSAGE_KINDS.has(event.kind);
}

export function isEditEvent(event: ExportedEvent): boolean {
  return EDIT_KINDS.has(event.kind);
}

/** The Telegram message an event carries, from its stored line. */
export function telegramMessageOf(event: ExportedEvent): TelegramMessage | undefined {
  const payload = (JSON.parse(event.line) as { payload?: Record<string, unknown> }).payload;
  if (payload === undefined) return undefined;
  const message = payload.message ?? payload.edited_message ?? payload.result;
  return typeof message === "object" && message !== null && "message_id" in message ? (message as TelegramMessage) : undefined;
}

/** Identifies a message across a group's upgrade to a supergroup (two id spaces, one chat). */
export function messageKey(message: TelegramMessage): string {
  return `${message.chat.id}:${message.message_id}`;
}

export function editOf(event: ExportedEvent, message: TelegramMessage): Edit {
  return {
    seq: event.seq,
    date: message.edit_date ?? event.telegramDate ?? Math.floor(event.receivedAt / 1000),
    text: message.text ?? message.caption ?? "",
    entities: message.entities ?? message.caption_entities ?? [],
  };
}

export function messageView(event: ExportedEvent, message: TelegramMessage, edits: readonly Edit[]): MessageView {
  const original = isEditEvent(event) ? undefined : { ...editOf(event, message), date: message.date };
  const versions = original === undefined ? [...edits] : [original, ...edits];
  const latest = versions.at(-1) ?? editOf(event, message);
  const subtype = event.kind === "service" ? serviceSubtype(message as unknown as Parameters<typeof serviceSubtype>[0]) : undefined;
  return {
    seq: event.seq,
    kind: subtype === undefined ? "message" : "service",
    id: message.message_id,
    date: message.date,
    fromName: senderName(message),
    fromId: message.from ? `user${message.from.id}` : message.sender_chat ? `channel${String(message.sender_chat.id).replace(/^-100/, "")}` : "unknown",
    byRegbot: event.kind === "bot_message" || event.kind === "bot_edit",
    text: latest.text,
    entities: latest.entities,
    replyTo: event.replyToMessageId,
    threadId: event.threadId,
    forwardedFrom: forwardedFrom(message),
    media: mediaView(event, message),
    action: subtype === undefined ? null : actionOf(subtype, message),
    versions,
    originalOutsidePeriod: original === undefined,
  };
}

function senderName(message: TelegramMessage): string {
  if (message.from) return [message.from.first_name, message.from.last_name].filter(Boolean).join(" ");
  return message.sender_chat?.title ?? "Unknown";
}

function forwardedFrom(message: TelegramMessage): string | null {
  const origin = message.forward_origin;
  if (origin === undefined) return null;
  if (origin.sender_user) return [origin.sender_user.first_name, origin.sender_user.last_name].filter(Boolean).join(" ");
  return origin.sender_user_name ?? origin.chat?.title ?? origin.sender_chat?.title ?? "a hidden sender";
}

function mediaView(event: ExportedEvent, message: TelegramMessage): MediaView | null {
  if (event.mediaType === null) return null;
  const size = event.mediaType === "photo" ? message.photo?.at(-1) : event.mediaType === "video" ? message.video : undefined;
  return {
    type: event.mediaType,
    fileId: event.fileId,
    fileUniqueId: event.fileUniqueId,
    fileName: event.fileName,
    mimeType: event.mimeType,
    fileSize: event.fileSize,
    duration: event.duration,
    ...(size ? { width: size.width, height: size.height } : {}),
  };
}

/** Telegram Desktop's names for service actions; others keep the Bot API field's name. */
function actionOf(subtype: string, message: TelegramMessage): { name: string; details: Record<string, unknown> } {
  const names = (users: unknown) => (Array.isArray(users) ? users : [users]).map((user: { first_name?: string; last_name?: string }) => [user.first_name, user.last_name].filter(Boolean).join(" "));
  switch (subtype) {
    case "new_chat_members":
      return { name: "invite_members", details: { members: names(message.new_chat_members) } };
    case "left_chat_member":
      return { name: "remove_members", details: { members: names(message.left_chat_member) } };
    case "new_chat_title":
      return { name: "edit_group_title", details: { title: message.new_chat_title } };
    case "new_chat_photo":
      return { name: "edit_group_photo", details: {} };
    case "delete_chat_photo":
      return { name: "delete_group_photo", details: {} };
    case "group_chat_created":
      return { name: "create_group", details: {} };
    case "migrate_to_chat_id":
      return { name: "migrate_to_supergroup", details: {} };
    case "migrate_from_chat_id":
      return { name: "migrate_from_group", details: {} };
    case "pinned_message":
      return { name: "pin_message", details: { message_id: (message.pinned_message as { message_id?: number } | undefined)?.message_id } };
    default:
      return { name: subtype, details: {} };
  }
}

import type { Chat, Message, Update, User } from "grammy/types";
import type { ChatIdentity, EventDraft, EventKind, MediaReference, PersonSeen } from "../domain/correspondence.js";
import { serviceSubtype } from "./service-messages.js";

/**
 * Translates one Telegram update into the events it adds to a group's correspondence log.
 * Private chats with regbot are not client correspondence: they stay in the inbox only.
 */
export function describeUpdate(update: Update): EventDraft[] {
  const source = `update:${update.update_id}`;
  if (update.message) return describeMessage(update.message, source, update, "message");
  if (update.edited_message) return describeMessage(update.edited_message, source, update, "edit");
  const membership = update.my_chat_member ?? update.chat_member;
  if (membership) {
    return inGroup(membership.chat, {
      kind: "member",
      source,
      telegramDate: membership.date,
      senderId: membership.from.id,
      payload: update,
      people: [personSeen(membership.from), personSeen(membership.new_chat_member.user)],
    });
  }
  const reaction = update.message_reaction ?? update.message_reaction_count;
  if (reaction) {
    return inGroup(reaction.chat, {
      kind: "reaction",
      source,
      telegramDate: reaction.date,
      senderId: update.message_reaction?.user?.id,
      messageId: reaction.message_id,
      payload: update,
    });
  }
  const callbackMessage = update.callback_query?.message;
  if (update.callback_query && callbackMessage) {
    return inGroup(callbackMessage.chat, {
      kind: "action",
      source,
      senderId: update.callback_query.from.id,
      people: [personSeen(update.callback_query.from)],
      messageId: callbackMessage.message_id,
      text: update.callback_query.data,
      payload: update,
    });
  }
  return [];
}

function describeMessage(message: Message, source: string, update: Update, kind: "message" | "edit"): EventDraft[] {
  const subtype = kind === "message" ? serviceSubtype(message) : undefined;
  const eventKind: EventKind = subtype === undefined ? kind : "service";
  return inGroup(message.chat, {
    kind: eventKind,
    source,
    telegramDate: message.edit_date ?? message.date,
    senderId: message.from?.id ?? message.sender_chat?.id,
    messageId: message.message_id,
    text: message.text ?? message.caption,
    replyToMessageId: message.reply_to_message?.message_id,
    threadId: message.message_thread_id,
    forwardOrigin: message.forward_origin,
    media: mediaOf(message),
    payload: update,
    migration: migrationOf(message),
    people: [message.from, message.reply_to_message?.from, ...(message.new_chat_members ?? [])]
      .filter((user) => user !== undefined)
      .map(personSeen),
  });
}

function personSeen(user: User): PersonSeen {
  return withoutUndefined({
    id: user.id,
    firstName: user.first_name,
    lastName: user.last_name,
    username: user.username,
    isBot: user.is_bot,
  });
}

type DraftWithoutChat = Omit<EventDraft, "chat">;

function inGroup(chat: Chat, draft: DraftWithoutChat): EventDraft[] {
  if (chat.type !== "group" && chat.type !== "supergroup") return [];
  return [{ chat: identityOf(chat), ...withoutUndefined(draft) }];
}

export function identityOf(chat: Chat): ChatIdentity {
  return {
    telegramChatId: chat.id,
    type: chat.type,
    ...(chat.type === "private" ? {} : { title: chat.title }),
    isForum: chat.type === "supergroup" && chat.is_forum === true,
  };
}

function migrationOf(message: Message): EventDraft["migration"] {
  if (message.migrate_to_chat_id !== undefined) {
    return { fromTelegramChatId: message.chat.id, toTelegramChatId: message.migrate_to_chat_id };
  }
  if (message.migrate_from_chat_id !== undefined) {
    return { fromTelegramChatId: message.migrate_from_chat_id, toTelegramChatId: message.chat.id };
  }
  return undefined;
}

/** The kinds of file a message may carry, in the order they are looked for. */
const MEDIA_TYPES = ["photo", "voice", "video_note", "audio", "video", "animation", "document", "sticker"] as const;

/** The file a message refers to; photos keep their largest size. Looked up field by field: every message is described. */
export function mediaOf(message: Message): MediaReference | undefined {
  for (const type of MEDIA_TYPES) {
    const file: (MediaFile & Partial<TimedFile>) | undefined = type === "photo" ? message.photo?.at(-1) : message[type];
    if (file === undefined) continue;
    return withoutUndefined({
      type,
      fileId: file.file_id,
      fileUniqueId: file.file_unique_id,
      fileName: file.file_name,
      mimeType: file.mime_type,
      fileSize: file.file_size,
      duration: file.duration,
    });
  }
  return undefined;
}

interface MediaFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
}
interface TimedFile {
  duration: number;
  file_name: string;
  mime_type: string;
}

function withoutUndefined<T extends object>(value: T): T {
  const defined: Partial<T> = {};
  for (const key in value) if (value[key] !== undefined) defined[key] = value[key];
  return defined as T;
}

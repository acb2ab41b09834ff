import { localTimes } from "./local-time.js";
import type { MediaView, MessageView, TelegramEntity } from "./message-view.js";

/**
 * One message in Telegram Desktop's JSON export format (result.json), so tools that read
 * Desktop exports read regbot's too. Facts Desktop has no field for are prefixed `x_`.
 */
export const FILE_NOT_INCLUDED = "(File not included. Change data exporting settings to download.)";

const MEDIA_TYPES: Record<string, string> = {
  voice: "voice_message",
  video_note: "video_message",
  audio: "audio_file",
  video: "video_file",
  animation: "animation",
  sticker: "sticker",
};

export function desktopChatType(type: string): string {
  return type === "supergroup" ? "private_supergroup" : "private_group";
}

/** Desktop writes a supergroup's id without Telegram's -100 prefix. */
export function desktopChatId(telegramChatId: number, type: string): number {
  const digits = String(Math.abs(telegramChatId));
  return Number(type === "supergroup" ? digits.replace(/^100/, "") : digits);
}

export function desktopMessage(message: MessageView, timezone: string): Record<string, unknown> {
  const parts = textParts(message.text, message.entities);
  // Built by assignment in Desktop's key order: each spread would cost an object, a million times over.
  const shown: Record<string, unknown> = { id: message.id, type: message.kind, date: localDate(message.date, timezone), date_unixtime: String(message.date) };
  if (message.kind === "service") Object.assign(shown, { actor: message.fromName, actor_id: message.fromId, action: message.action?.name }, message.action?.details);
  else Object.assign(shown, { from: message.fromName, from_id: message.fromId });
  const withVersions = message.versions.length > 1 || message.originalOutsidePeriod;
  const edited = withVersions ? message.versions.at(-1) : undefined;
  if (edited) Object.assign(shown, { edited: localDate(edited.date, timezone), edited_unixtime: String(edited.date) });
  if (message.replyTo !== null) shown.reply_to_message_id = message.replyTo;
  if (message.forwardedFrom !== null) shown.forwarded_from = message.forwardedFrom;
  if (message.media !== null) Object.assign(shown, mediaFields(message.media));
  shown.text = parts.every((part) => part.type === "plain") ? parts.map((part) => part.text).join("") : parts.map((part) => (part.type === "plain" ? part.text : part));
  shown.text_entities = parts;
  shown.x_seq = message.seq;
  if (message.byRegbot) shown.x_regbot = true;
  if (message.threadId !== null) shown.x_thread_id = message.threadId;
  if (message.originalOutsidePeriod) shown.x_original_outside_period = true;
  if (withVersions) {
    shown.x_versions = message.versions.map((version) => ({
      x_seq: version.seq,
      date: localDate(version.date, timezone),
      date_unixtime: String(version.date),
      text: version.text,
      text_entities: textParts(version.text, version.entities),
    }));
  }
  return shown;
}

function localDate(unixSeconds: number, timezone: string): string {
  return localTimes(timezone).desktop(unixSeconds * 1000);
}

function mediaFields(media: MediaView): Record<string, unknown> {
  const references = { x_file_id: media.fileId, x_file_unique_id: media.fileUniqueId };
  if (media.type === "photo") {
    return { photo: FILE_NOT_INCLUDED, ...(media.fileSize !== null ? { photo_file_size: media.fileSize } : {}), ...(media.width ? { width: media.width, height: media.height } : {}), ...references };
  }
  return {
    file: FILE_NOT_INCLUDED,
    ...(media.fileName !== null ? { file_name: media.fileName } : {}),
    ...(media.fileSize !== null ? { file_size: media.fileSize } : {}),
    ...(MEDIA_TYPES[media.type] ? { media_type: MEDIA_TYPES[media.type] } : {}),
    ...(media.mimeType !== null ? { mime_type: media.mimeType } : {}),
    ...(media.duration !== null ? { duration_seconds: media.duration } : {}),
    ...(media.width ? { width: media.width, height: media.height } : {}),
    ...references,
  };
}

const ENTITY_TYPES: Record<string, string> = { text_mention: "mention_name", phone_number: "phone", strikethrough: "strikethrough", expandable_blockquote: "blockquote" };

type TextPart = { type: string; text: string; href?: string; user_id?: number; language?: string; document_id?: string };

/** Desktop's flat text entities: plain runs between formatted ones (nested formatting keeps the outer). */
export function textParts(text: string, entities: readonly TelegramEntity[]): TextPart[] {
  if (text === "") return [];
  const parts: TextPart[] = [];
  let position = 0;
  for (const entity of [...entities].sort((a, b) => a.offset - b.offset)) {
    if (entity.offset < position) continue;
    if (entity.offset > position) parts.push({ type: "plain", text: text.slice(position, entity.offset) });
    const part: TextPart = { type: ENTITY_TYPES[entity.type] ?? entity.type, text: text.slice(entity.offset, entity.offset + entity.length) };
    if (entity.url !== undefined) part.href = entity.url;
    if (entity.user !== undefined) part.user_id = entity.user.id;
    if (entity.language !== undefined) part.language = entity.language;
    if (entity.custom_emoji_id !== undefined) part.document_id = entity.custom_emoji_id;
    parts.push(part);
    position = entity.offset + entity.length;
  }
  if (position < text.length || parts.length === 0) parts.push({ type: "plain", text: text.slice(position) });
  return parts.filter((part, index) => part.text !== "" || index === 0);
}

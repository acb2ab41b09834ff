// @ts-check
/**
 * The messages of a chat's log as people saw them, read from the stored event lines alone (no
 * database column outside the hash): an original with every later version, regbot's own
 * messages marked, and what each kind of message carries.
 */

/** @typedef {{ seq: number, kind: string, at: string, payload: any }} LogEvent */
/** @typedef {{ type: string, offset: number, length: number, url?: string, user?: { id: number }, language?: string, custom_emoji_id?: string }} TelegramEntity */
/** @typedef {{ seq: number, date: number, text: string, entities: TelegramEntity[] }} Edit */
/**
 * @typedef {object} MessageView
 * @property {number} seq
 * @property {"message" | "service"} kind
 * @property {number} id
 * @property {number} date Telegram's date, Unix seconds
 * @property {string} fromName
 * @property {string} fromId `user123`, or `channel123` for a message sent on behalf of a chat
 * @property {boolean} byRegbot
 * @property {string} text
 * @property {TelegramEntity[]} entities
 * @property {number | null} replyTo
 * @property {number | null} threadId
 * @property {string | null} forwardedFrom
 * @property {string | null} viaBot
 * @property {any} message the Telegram message itself, for the fields each kind carries
 * @property {string | null} service the Bot API field that makes it a service message
 * @property {Edit[]} versions the original first, then every edit in the order received (none for a message never edited)
 * @property {boolean} originalOutsidePeriod an edit of a message sent before the exported period
 */

/** Fields whose presence makes a message a service message, in the order they are checked. */
export const SERVICE_FIELDS = [
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "group_chat_created",
  "supergroup_chat_created",
  "migrate_to_chat_id",
  "migrate_from_chat_id",
  "pinned_message",
  "message_auto_delete_timer_changed",
  "forum_topic_created",
  "forum_topic_edited",
  "forum_topic_closed",
  "forum_topic_reopened",
  "general_forum_topic_hidden",
  "general_forum_topic_unhidden",
  "video_chat_scheduled",
  "video_chat_started",
  "video_chat_ended",
  "video_chat_participants_invited",
  "users_shared",
  "chat_shared",
  "write_access_allowed",
  "boost_added",
  "chat_background_set",
];

/** @param {Record<string, unknown>} message @returns {string | undefined} */
export function serviceSubtype(message) {
  return SERVICE_FIELDS.find((field) => message[field] !== undefined);
}

const MESSAGE_KINDS = new Set(["message", "service", "bot_message"]);
const EDIT_KINDS = new Set(["edit", "bot_edit"]);

/** @param {string} kind */
export const isMessageKind = (kind) => MESSAGE_KINDS.has(kind);
/** @param {string} kind */
export const isEditKind = (kind) => EDIT_KINDS.has(kind);

/** The Telegram message an event carries. @param {LogEvent} event @returns {any} */
export function telegramMessageOf(event) {
  const payload = event.payload;
  if (payload === null || typeof payload !== "object") return undefined;
  const message = payload.message ?? payload.edited_message ?? payload.result;
  return typeof message === "object" && message !== null && "message_id" in message && typeof message.chat === "object"
    ? message
    : undefined;
}

/** Identifies a message across a group's upgrade to a supergroup (two id spaces, one chat). @param {any} message */
export function messageKey(message) {
  return `${message.chat.id}:${message.message_id}`;
}

/** Unix seconds of the event's receipt. @param {LogEvent} event */
export function receivedSeconds(event) {
  return Math.floor(Date.parse(event.at) / 1000);
}

/** @param {LogEvent} event @param {any} message @returns {Edit} */
export function editOf(event, message) {
  return {
    seq: event.seq,
    date: message.edit_date ?? message.date ?? receivedSeconds(event),
    text: message.text ?? message.caption ?? "",
    entities: message.entities ?? message.caption_entities ?? [],
  };
}

/** @param {LogEvent} event @param {any} message @param {readonly Edit[]} edits @returns {MessageView} */
export function messageView(event, message, edits) {
  const isEdit = isEditKind(event.kind);
  // Most messages are never edited: their one version is the message itself.
  const versions =
    edits.length === 0 && !isEdit
      ? NO_EDITS
      : isEdit
        ? [...edits]
        : [{ ...editOf(event, message), date: message.date }, ...edits];
  const latest = versions.at(-1);
  const service = event.kind === "service" ? (serviceSubtype(message) ?? null) : null;
  return {
    seq: event.seq,
    kind: service === null ? "message" : "service",
    id: message.message_id,
    date: message.date,
    fromName: senderName(message),
    fromId: senderId(message),
    byRegbot: event.kind === "bot_message" || event.kind === "bot_edit",
    text: latest === undefined ? (message.text ?? message.caption ?? "") : latest.text,
    entities: latest === undefined ? (message.entities ?? message.caption_entities ?? NO_ENTITIES) : latest.entities,
    replyTo: message.reply_to_message?.message_id ?? null,
    threadId: message.message_thread_id ?? null,
    forwardedFrom: forwardedFrom(message),
    viaBot: message.via_bot?.username ?? null,
    message,
    service,
    versions,
    originalOutsidePeriod: isEdit,
  };
}

/** @type {Edit[]} */
const NO_EDITS = [];
/** @type {TelegramEntity[]} */
const NO_ENTITIES = [];

/** @param {{ first_name?: string | null, last_name?: string | null } | undefined} user */
export function personName(user) {
  if (user === undefined) return "";
  const first = user.first_name ?? "";
  return user.last_name ? (first ? `${first} ${user.last_name}` : user.last_name) : first;
}

/** @param {any} message */
function senderName(message) {
  if (message.from) return personName(message.from);
  return message.sender_chat?.title ?? "Unknown";
}

/** @param {any} message */
function senderId(message) {
  if (message.from) return `user${message.from.id}`;
  return message.sender_chat ? `channel${String(message.sender_chat.id).replace(/^-100/, "")}` : "unknown";
}

/** @param {any} message @returns {string | null} */
function forwardedFrom(message) {
  const origin = message.forward_origin;
  if (origin === undefined) return null;
  if (origin.sender_user) return personName(origin.sender_user);
  return origin.sender_user_name ?? origin.chat?.title ?? origin.sender_chat?.title ?? "a hidden sender";
}

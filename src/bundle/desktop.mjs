// @ts-check
/**
 * One message in Telegram Desktop's JSON export format (result.json), field by field as
 * Desktop's own writer (export_output_json.cpp) names, types and orders them, so tools that
 * read Desktop exports read regbot's too. Facts Desktop has no field for are prefixed `x_`.
 */
import { personName } from "./message-view.mjs";

/** @typedef {import("./message-view.mjs").MessageView} MessageView */
/** @typedef {import("./message-view.mjs").TelegramEntity} TelegramEntity */
/** @typedef {{ type: string, text: string, href?: string, user_id?: number, language?: string, document_id?: string, collapsed?: boolean }} TextPart */
/** @typedef {{ emoji: string | null, customEmojiId: string | null, paid: boolean, from: string, fromId: string, date: number }} ReactionSeen */

export const FILE_NOT_INCLUDED = "(File not included. Change data exporting settings to download.)";

/** @param {string} type @param {string | null} username */
export function desktopChatType(type, username) {
  if (type !== "supergroup") return "private_group";
  return username ? "public_supergroup" : "private_supergroup";
}

/** Desktop writes a supergroup's id without Telegram's -100 prefix. @param {number} telegramChatId @param {string} type */
export function desktopChatId(telegramChatId, type) {
  const digits = String(Math.abs(telegramChatId));
  return Number(type === "supergroup" ? digits.replace(/^100/, "") : digits);
}

/**
 * @param {MessageView} message
 * @param {(unixSeconds: number) => string} localDate Desktop's wall-clock date
 * @param {readonly ReactionSeen[]} reactions
 */
export function desktopMessage(message, localDate, reactions) {
  const telegram = message.message;
  // Built by assignment in Desktop's key order.
  /** @type {Record<string, unknown>} */
  const shown = {
    id: message.id,
    type: message.kind,
    date: localDate(message.date),
    date_unixtime: String(message.date),
  };
  const withVersions = message.versions.length > 1 || message.originalOutsidePeriod;
  const edited = withVersions ? message.versions.at(-1) : undefined;
  if (edited) {
    shown.edited = localDate(edited.date);
    shown.edited_unixtime = String(edited.date);
  }
  if (message.service !== null) {
    shown.actor = message.fromName;
    shown.actor_id = message.fromId;
    Object.assign(shown, serviceAction(message.service, telegram));
  } else {
    shown.from = message.fromName;
    shown.from_id = message.fromId;
    if (telegram.author_signature) shown.author = telegram.author_signature;
    if (message.forwardedFrom !== null) shown.forwarded_from = message.forwardedFrom;
    if (message.replyTo !== null) shown.reply_to_message_id = message.replyTo;
    if (message.viaBot !== null) shown.via_bot = `@${message.viaBot}`;
    Object.assign(shown, mediaFields(telegram));
  }
  const parts = textParts(message.text, message.entities);
  shown.text =
    parts.length === 0
      ? ""
      : parts.length === 1 && parts[0]?.type === "plain"
        ? parts[0].text
        : parts.map((part) => (part.type === "plain" ? part.text : part));
  shown.text_entities = parts;
  const buttons = telegram.reply_markup?.inline_keyboard;
  if (Array.isArray(buttons) && buttons.length > 0)
    shown.inline_bot_buttons = buttons.map((row) => row.map(inlineButton));
  if (reactions.length > 0) shown.reactions = desktopReactions(reactions, localDate);
  shown.x_seq = message.seq;
  if (message.byRegbot) shown.x_regbot = true;
  if (message.threadId !== null) shown.x_thread_id = message.threadId;
  if (message.originalOutsidePeriod) shown.x_original_outside_period = true;
  if (withVersions) {
    shown.x_versions = message.versions.map((version) => ({
      x_seq: version.seq,
      date: localDate(version.date),
      date_unixtime: String(version.date),
      text: version.text,
      text_entities: textParts(version.text, version.entities),
    }));
  }
  return shown;
}

/** @param {any} user */
const nameOf = (user) => personName(user);

/** Desktop's action names and fields for the Bot API's service messages. @param {string} service @param {any} message */
function serviceAction(service, message) {
  switch (service) {
    case "new_chat_members":
      return { action: "invite_members", members: message.new_chat_members.map(nameOf) };
    case "left_chat_member":
      return { action: "remove_members", members: [nameOf(message.left_chat_member)] };
    case "new_chat_title":
      return { action: "edit_group_title", title: message.new_chat_title };
    case "new_chat_photo":
      return { action: "edit_group_photo", ...photoFields(message.new_chat_photo) };
    case "delete_chat_photo":
      return { action: "delete_group_photo" };
    case "group_chat_created":
      return { action: "create_group", title: message.chat.title ?? "", members: [] };
    case "supergroup_chat_created":
      return { action: "create_channel", title: message.chat.title ?? "" };
    case "migrate_to_chat_id":
      return { action: "migrate_to_supergroup" };
    case "migrate_from_chat_id":
      return { action: "migrate_from_group", title: message.chat.title ?? "" };
    case "pinned_message":
      return { action: "pin_message", message_id: message.pinned_message.message_id };
    case "message_auto_delete_timer_changed":
      return { action: "set_messages_ttl", period: message.message_auto_delete_timer_changed.message_auto_delete_time };
    case "forum_topic_created":
      return { action: "topic_created", title: message.forum_topic_created.name };
    case "forum_topic_edited": {
      const edit = message.forum_topic_edited;
      return {
        action: "topic_edit",
        ...(edit.name ? { new_title: edit.name } : {}),
        ...(edit.icon_custom_emoji_id ? { new_icon_emoji_id: Number(edit.icon_custom_emoji_id) } : {}),
      };
    }
    case "video_chat_scheduled":
      return { action: "group_call_scheduled", schedule_date: message.video_chat_scheduled.start_date };
    case "video_chat_started":
      return { action: "group_call" };
    case "video_chat_ended":
      return { action: "group_call", duration: message.video_chat_ended.duration };
    case "video_chat_participants_invited":
      return {
        action: "invite_to_group_call",
        members: (message.video_chat_participants_invited.users ?? []).map(nameOf),
      };
    case "users_shared":
      return {
        action: "requested_peer",
        button_id: message.users_shared.request_id,
        peers: message.users_shared.users.map((/** @type {any} */ user) => user.user_id),
      };
    case "chat_shared":
      return {
        action: "requested_peer",
        button_id: message.chat_shared.request_id,
        peers: [message.chat_shared.chat_id],
      };
    case "write_access_allowed": {
      const allowed = message.write_access_allowed;
      return {
        action: "allow_sending_messages",
        ...(allowed.web_app_name ? { reason_app_name: allowed.web_app_name } : {}),
      };
    }
    case "boost_added":
      return { action: "boost_apply", boosts: message.boost_added.boost_count };
    case "chat_background_set":
      return { action: "set_chat_wallpaper" };
    default:
      // Telegram Desktop has no action for these (forum topics closed or reopened, the general topic hidden…).
      return { action: service };
  }
}

/** The largest size of a photo, as Desktop writes a photo. @param {any[]} sizes */
function photoFields(sizes) {
  const largest = sizes.at(-1);
  /** @type {Record<string, unknown>} */
  const fields = { photo: FILE_NOT_INCLUDED };
  if (largest?.file_size !== undefined) fields.photo_file_size = largest.file_size;
  if (largest?.width && largest?.height) Object.assign(fields, { width: largest.width, height: largest.height });
  return fields;
}

/** @param {any} file */
const references = (file) => ({ x_file_id: file.file_id, x_file_unique_id: file.file_unique_id });

/** What a message carries besides its text, in Desktop's fields. @param {any} message @returns {Record<string, unknown>} */
export function mediaFields(message) {
  if (message.photo)
    return {
      ...photoFields(message.photo),
      ...(message.has_media_spoiler ? { media_spoiler: true } : {}),
      ...references(message.photo.at(-1)),
    };
  const document =
    message.sticker ??
    message.video_note ??
    message.voice ??
    message.animation ??
    message.video ??
    message.audio ??
    message.document;
  if (document) return documentFields(message, document);
  if (message.contact) {
    const contact = message.contact;
    return {
      contact_information: {
        first_name: contact.first_name ?? "",
        last_name: contact.last_name ?? "",
        phone_number: contact.phone_number ?? "",
      },
      ...(contact.vcard ? { x_contact_vcard: contact.vcard } : {}),
    };
  }
  if (message.venue) {
    const venue = message.venue;
    return {
      place_name: venue.title,
      address: venue.address,
      location_information: { latitude: venue.location.latitude, longitude: venue.location.longitude },
    };
  }
  if (message.location) {
    const location = message.location;
    return {
      location_information: { latitude: location.latitude, longitude: location.longitude },
      ...(location.live_period ? { live_location_period_seconds: location.live_period } : {}),
    };
  }
  if (message.poll) {
    const poll = message.poll;
    return {
      poll: {
        question: poll.question,
        closed: poll.is_closed === true,
        total_voters: poll.total_voter_count ?? 0,
        answers: poll.options.map((/** @type {any} */ option) => ({
          text: option.text,
          voters: option.voter_count ?? 0,
          chosen: false,
        })),
      },
    };
  }
  if (message.dice) return { x_dice: { emoji: message.dice.emoji, value: message.dice.value } };
  if (message.game) return { game_title: message.game.title, game_description: message.game.description };
  return {};
}

/** @param {any} message @param {any} file */
function documentFields(message, file) {
  /** @type {Record<string, unknown>} */
  const fields = { file: FILE_NOT_INCLUDED };
  if (file.file_name) fields.file_name = file.file_name;
  if (file.file_size !== undefined) fields.file_size = file.file_size;
  if (message.sticker) {
    fields.media_type = "sticker";
    if (file.emoji) fields.sticker_emoji = file.emoji;
  } else if (message.video_note) fields.media_type = "video_message";
  else if (message.voice) fields.media_type = "voice_message";
  else if (message.animation) fields.media_type = "animation";
  else if (message.video) fields.media_type = "video_file";
  else if (message.audio) {
    fields.media_type = "audio_file";
    if (file.performer) fields.performer = file.performer;
    if (file.title) fields.title = file.title;
  }
  if (file.mime_type) fields.mime_type = file.mime_type;
  if (file.duration) fields.duration_seconds = file.duration;
  const width = file.width ?? file.length;
  const height = file.height ?? file.length;
  if (width && height) Object.assign(fields, { width, height });
  if (message.has_media_spoiler) fields.media_spoiler = true;
  return Object.assign(fields, references(file));
}

/** Desktop's names for the Bot API's inline keyboard buttons. @param {any} button */
function inlineButton(button) {
  const text = button.text ?? "";
  if (button.callback_data !== undefined)
    return {
      type: "callback",
      text,
      dataBase64: Buffer.from(button.callback_data, "utf8").toString("base64url"),
      data: "",
    };
  if (button.url !== undefined) return { type: "url", text, data: button.url };
  if (button.web_app !== undefined) return { type: "web_view", text, data: button.web_app.url };
  if (button.login_url !== undefined)
    return {
      type: "auth",
      text,
      data: button.login_url.url,
      ...(button.login_url.forward_text ? { forward_text: button.login_url.forward_text } : {}),
    };
  if (button.switch_inline_query !== undefined)
    return { type: "switch_inline", text, data: button.switch_inline_query };
  if (button.switch_inline_query_current_chat !== undefined)
    return { type: "switch_inline_same", text, data: button.switch_inline_query_current_chat };
  if (button.copy_text !== undefined) return { type: "copy_text", text, data: button.copy_text.text };
  if (button.pay) return { type: "buy", text };
  if (button.callback_game !== undefined) return { type: "game", text };
  return { type: "default", text };
}

/**
 * Desktop's reactions: one entry per reaction with its count and who chose it, oldest first.
 * @param {readonly ReactionSeen[]} reactions @param {(unixSeconds: number) => string} localDate
 */
function desktopReactions(reactions, localDate) {
  /** @type {Map<string, { type: string, count: number, emoji?: string, document_id?: string, recent: object[] }>} */
  const byKind = new Map();
  for (const reaction of reactions) {
    const key = reaction.paid
      ? "paid"
      : reaction.customEmojiId !== null
        ? `c:${reaction.customEmojiId}`
        : `e:${reaction.emoji}`;
    let entry = byKind.get(key);
    if (entry === undefined) {
      entry = reaction.paid
        ? { type: "paid", count: 0, recent: [] }
        : reaction.customEmojiId !== null
          ? { type: "custom_emoji", count: 0, document_id: reaction.customEmojiId, recent: [] }
          : { type: "emoji", count: 0, emoji: reaction.emoji ?? "", recent: [] };
      byKind.set(key, entry);
    }
    entry.count += 1;
    entry.recent.push({ from: reaction.from, from_id: reaction.fromId, date: localDate(reaction.date) });
  }
  return [...byKind.values()];
}

/** Desktop's names for the Bot API's entity types. */
const ENTITY_TYPES = /** @type {Record<string, string>} */ ({
  url: "link",
  text_mention: "mention_name",
  phone_number: "phone",
  expandable_blockquote: "blockquote",
});

/**
 * Desktop's flat text entities: plain runs between formatted ones (nested formatting keeps the
 * outer), each with the one extra field Desktop writes for its type.
 * @param {string} text @param {readonly TelegramEntity[]} entities @returns {TextPart[]}
 */
export function textParts(text, entities) {
  if (text === "") return [];
  // Most messages carry no formatting: one plain run.
  if (entities.length === 0) return [{ type: "plain", text }];
  /** @type {TextPart[]} */
  const parts = [];
  let position = 0;
  for (const entity of [...entities].sort((a, b) => a.offset - b.offset)) {
    if (entity.offset < position) continue;
    if (entity.offset > position) parts.push({ type: "plain", text: text.slice(position, entity.offset) });
    const type = ENTITY_TYPES[entity.type] ?? entity.type;
    /** @type {TextPart} */
    const part = { type, text: text.slice(entity.offset, entity.offset + entity.length) };
    if (type === "text_link") part.href = entity.url ?? "";
    else if (type === "mention_name") part.user_id = entity.user?.id ?? 0;
    else if (type === "pre") part.language = entity.language ?? "";
    else if (type === "custom_emoji") part.document_id = entity.custom_emoji_id ?? "";
    else if (type === "blockquote") part.collapsed = entity.type === "expandable_blockquote";
    parts.push(part);
    position = entity.offset + entity.length;
  }
  if (position < text.length || parts.length === 0) parts.push({ type: "plain", text: text.slice(position) });
  return parts.filter((part, index) => part.text !== "" || index === 0);
}

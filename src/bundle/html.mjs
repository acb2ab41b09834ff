// @ts-check
/**
 * messages.html: the correspondence for people to read and print as an exhibit. Every piece of
 * text that came from a user is escaped; regbot's own messages and every edit are marked; each
 * time is shown in the zone the chat's regulation had then, with the zone's name.
 */
import { personName } from "./message-view.mjs";

/** @typedef {import("./message-view.mjs").MessageView} MessageView */
/** @typedef {import("./message-view.mjs").TelegramEntity} TelegramEntity */
/** @typedef {import("./desktop.mjs").ReactionSeen} ReactionSeen */
/** @typedef {(unixSeconds: number) => string} When */

const ESCAPES = /** @type {Record<string, string>} */ ({
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
});
const SPECIAL = /[&<>"']/g;
const HAS_SPECIAL = /[&<>"']/;

/** @param {unknown} text */
export function escapeHtml(text) {
  const string = String(text);
  return HAS_SPECIAL.test(string) ? string.replace(SPECIAL, (char) => ESCAPES[char] ?? char) : string;
}

/** @param {{ title: string, subtitle: string }} page */
export function htmlHead(page) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(page.title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; color: #111; }
.message { border-top: 1px solid #ddd; padding: .5rem 0; break-inside: avoid; }
.meta { color: #555; font-size: 12px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.regbot { background: #f3f6fb; }
.badge { border: 1px solid #6b7fa8; border-radius: 3px; padding: 0 3px; font-size: 11px; color: #334; }
.service { color: #444; font-style: italic; }
.versions { margin: .25rem 0 0 1rem; font-size: 13px; }
.versions li { white-space: pre-wrap; }
.content { margin: .25rem 0; }
.reactions { font-size: 12px; color: #333; }
.href { color: #555; font-size: 12px; overflow-wrap: anywhere; }
.exhibit-header { display: none; }
.record { color: #555; font-size: 12px; }
@page { size: A4; margin: 22mm 16mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .regbot { background: none; }
  .exhibit-header { display: block; position: fixed; top: -16mm; left: 0; right: 0; font-size: 8pt; color: #333; border-bottom: 1px solid #999; padding-bottom: 1mm; }
  a { color: inherit; }
}
</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p class="meta">${escapeHtml(page.subtitle)}</p>
`;
}

/**
 * The end of the page, with the header printed on every page (a fixed element repeats on each
 * printed page wherever it sits in the document, so it can name the root known only at the end).
 * @param {{ title: string, period: string, merkleRoot: string }} exhibit
 */
export function htmlFoot(exhibit) {
  return `<div class="exhibit-header">${escapeHtml(exhibit.title)} · ${escapeHtml(exhibit.period)} · Merkle root ${escapeHtml(exhibit.merkleRoot)}</div>\n</body>\n</html>\n`;
}

/** One of regbot's own records, stated in words. @param {number} seq @param {string} when @param {string} words */
export function htmlRecord(seq, when, words) {
  return `<div class="message record"><span class="meta">${escapeHtml(when)} · event ${seq} · regbot's record</span> ${escapeHtml(words)}</div>\n`;
}

/** Something that happened in the chat that is not a message (a join seen as a member update). @param {number} seq @param {string} when @param {string} words */
export function htmlHappening(seq, when, words) {
  return `<div class="message service"><span class="meta">${escapeHtml(when)} · event ${seq}</span> ${escapeHtml(words)}</div>\n`;
}

/**
 * @param {MessageView} message @param {When} when
 * @param {readonly ReactionSeen[]} reactions @param {(unixSeconds: number) => string} clock
 */
export function htmlMessage(message, when, reactions, clock) {
  const reference = `#${message.id} · event ${message.seq}`;
  if (message.service !== null) {
    return `<div class="message service" id="m${message.id}"><span class="meta">${escapeHtml(when(message.date))} · ${reference}</span> ${escapeHtml(serviceWords(message))}</div>\n`;
  }
  const lines = [
    `<div class="message${message.byRegbot ? " regbot" : ""}" id="m${message.id}">`,
    `<div class="meta">${escapeHtml(when(message.date))} · <strong>${escapeHtml(message.fromName)}</strong> (${escapeHtml(message.fromId)})${message.byRegbot ? ' <span class="badge">regbot</span>' : ""} · ${reference}</div>`,
  ];
  if (message.replyTo !== null)
    lines.push(`<div class="meta">in reply to <a href="#m${message.replyTo}">#${message.replyTo}</a></div>`);
  if (message.forwardedFrom !== null)
    lines.push(`<div class="meta">forwarded from ${escapeHtml(message.forwardedFrom)}</div>`);
  const content = contentOf(message.message);
  if (content !== "") lines.push(`<div class="content">${content}</div>`);
  if (message.text !== "") lines.push(`<div class="text">${formatted(message.text, message.entities)}</div>`);
  const buttons = message.message.reply_markup?.inline_keyboard;
  if (Array.isArray(buttons) && buttons.length > 0)
    lines.push(
      `<div class="meta">buttons: ${buttons
        .flat()
        .map((/** @type {any} */ button) => `[${escapeHtml(button.text)}]`)
        .join(" ")}</div>`,
    );
  if (message.versions.length > 1 || message.originalOutsidePeriod) {
    const label = message.originalOutsidePeriod
      ? "Edited; the original was sent before this period. Versions:"
      : "Edited. Every version, oldest first:";
    lines.push(`<div class="meta">${label}</div><ol class="versions">`);
    for (const version of message.versions)
      lines.push(
        `<li><span class="meta">${escapeHtml(when(version.date))} · event ${version.seq}</span>\n${formatted(version.text, version.entities)}</li>`,
      );
    lines.push("</ol>");
  }
  if (reactions.length > 0)
    lines.push(
      `<div class="reactions">${reactions.map((reaction) => `${escapeHtml(reactionSymbol(reaction))} ${escapeHtml(reaction.from)}, ${escapeHtml(clock(reaction.date))}`).join("; ")}</div>`,
    );
  lines.push("</div>\n");
  return lines.join("\n");
}

/** @param {ReactionSeen} reaction */
export function reactionSymbol(reaction) {
  if (reaction.paid) return "⭐ (paid)";
  return reaction.emoji ?? `custom emoji ${reaction.customEmojiId}`;
}

/** What a service message did, in words. @param {MessageView} view */
export function serviceWords(view) {
  const message = view.message;
  const actor = view.fromName;
  const names = (/** @type {any[]} */ users) => users.map((user) => personName(user)).join(", ");
  switch (view.service) {
    case "new_chat_members": {
      const joined = message.new_chat_members;
      const self = joined.length === 1 && joined[0].id === message.from?.id;
      return self ? `${actor} joined the chat` : `${actor} added ${names(joined)}`;
    }
    case "left_chat_member":
      return message.left_chat_member.id === message.from?.id
        ? `${actor} left the chat`
        : `${actor} removed ${personName(message.left_chat_member)}`;
    case "new_chat_title":
      return `${actor} renamed the chat to “${message.new_chat_title}”`;
    case "new_chat_photo":
      return `${actor} changed the chat's photo (file not included)`;
    case "delete_chat_photo":
      return `${actor} removed the chat's photo`;
    case "group_chat_created":
    case "supergroup_chat_created":
      return `${actor} created the group “${message.chat.title ?? ""}”`;
    case "migrate_to_chat_id":
      return `The group became a supergroup (new id ${message.migrate_to_chat_id})`;
    case "migrate_from_chat_id":
      return `The supergroup continues the group with id ${message.migrate_from_chat_id}`;
    case "pinned_message":
      return `${actor} pinned message #${message.pinned_message.message_id}`;
    case "message_auto_delete_timer_changed":
      return `${actor} set messages to delete themselves after ${message.message_auto_delete_timer_changed.message_auto_delete_time} s`;
    case "forum_topic_created":
      return `${actor} created the topic “${message.forum_topic_created.name}”`;
    case "forum_topic_edited":
      return `${actor} edited a topic${message.forum_topic_edited.name ? ` to “${message.forum_topic_edited.name}”` : ""}`;
    case "forum_topic_closed":
      return `${actor} closed the topic`;
    case "forum_topic_reopened":
      return `${actor} reopened the topic`;
    case "video_chat_scheduled":
      return `${actor} scheduled a video chat`;
    case "video_chat_started":
      return `${actor} started a video chat`;
    case "video_chat_ended":
      return `The video chat ended after ${message.video_chat_ended.duration} s`;
    case "video_chat_participants_invited":
      return `${actor} invited ${names(message.video_chat_participants_invited.users ?? [])} to the video chat`;
    case "boost_added":
      return `${actor} boosted the chat ${message.boost_added.boost_count} time(s)`;
    case "chat_background_set":
      return `${actor} changed the chat's wallpaper`;
    default:
      return `${actor}: ${String(view.service).replaceAll("_", " ")}`;
  }
}

/** What a message carries besides its text, readably. @param {any} message */
function contentOf(message) {
  if (message.photo) return `[photo${sizeOf(message.photo.at(-1))}; file not included]`;
  if (message.sticker) return `[sticker ${escapeHtml(message.sticker.emoji ?? "")}; file not included]`;
  if (message.voice) return `[voice message, ${message.voice.duration} s; file not included]`;
  if (message.video_note) return `[video message, ${message.video_note.duration} s; file not included]`;
  if (message.audio) {
    const audio = message.audio;
    const title = [audio.performer, audio.title].filter(Boolean).join(" – ");
    return `[audio${title ? ` “${escapeHtml(title)}”` : ""}${audio.file_name ? `: ${escapeHtml(audio.file_name)}` : ""}, ${audio.duration} s; file not included]`;
  }
  const file = message.animation ?? message.video ?? message.document;
  if (file) {
    const kind = message.animation ? "animation" : message.video ? "video" : "file";
    return `[${kind}${file.file_name ? `: ${escapeHtml(file.file_name)}` : ""}${file.duration ? `, ${file.duration} s` : ""}; file not included]`;
  }
  if (message.contact) {
    const contact = message.contact;
    return `Contact: ${escapeHtml(personName(contact))}, ${escapeHtml(contact.phone_number ?? "")}`;
  }
  if (message.venue) {
    const venue = message.venue;
    return `Venue: ${escapeHtml(venue.title)}, ${escapeHtml(venue.address)} (${place(venue.location)})`;
  }
  if (message.location)
    return `Location: ${place(message.location)}${message.location.live_period ? `, shared live for ${message.location.live_period} s` : ""}`;
  if (message.poll) {
    const poll = message.poll;
    const options = poll.options
      .map((/** @type {any} */ option) => `<li>${escapeHtml(option.text)} — ${option.voter_count ?? 0} vote(s)</li>`)
      .join("");
    return `Poll${poll.is_closed ? " (closed)" : ""}: ${escapeHtml(poll.question)}<ol>${options}</ol>`;
  }
  if (message.dice) return `Dice ${escapeHtml(message.dice.emoji)}: ${message.dice.value}`;
  return "";
}

/** @param {{ width?: number, height?: number } | undefined} size */
function sizeOf(size) {
  return size?.width && size.height ? ` ${size.width}×${size.height}` : "";
}

/** @param {{ latitude: number, longitude: number }} location */
function place(location) {
  return `${location.latitude}, ${location.longitude}; <a href="https://www.openstreetmap.org/?mlat=${location.latitude}&amp;mlon=${location.longitude}">map</a>`;
}

const SAFE_LINK = /^(https?:|tg:|mailto:)/i;

/**
 * The text with its formatting; a link shows its target beside it, so a printed page keeps it.
 * @param {string} text @param {readonly TelegramEntity[]} entities
 */
export function formatted(text, entities) {
  if (entities.length === 0) return escapeHtml(text);
  let html = "";
  let position = 0;
  for (const entity of [...entities].sort((a, b) => a.offset - b.offset)) {
    if (entity.offset < position) continue;
    html += escapeHtml(text.slice(position, entity.offset));
    const inner = text.slice(entity.offset, entity.offset + entity.length);
    html += formattedEntity(entity, inner);
    position = entity.offset + entity.length;
  }
  return html + escapeHtml(text.slice(position));
}

/** @param {TelegramEntity} entity @param {string} inner */
function formattedEntity(entity, inner) {
  const text = escapeHtml(inner);
  switch (entity.type) {
    case "bold":
      return `<b>${text}</b>`;
    case "italic":
      return `<i>${text}</i>`;
    case "underline":
      return `<u>${text}</u>`;
    case "strikethrough":
      return `<s>${text}</s>`;
    case "code":
      return `<code>${text}</code>`;
    case "pre":
      return `<pre>${text}</pre>`;
    case "blockquote":
    case "expandable_blockquote":
      return `<blockquote>${text}</blockquote>`;
    case "text_link": {
      const url = entity.url ?? "";
      const link = SAFE_LINK.test(url) ? `<a href="${escapeHtml(url)}">${text}</a>` : text;
      return `${link} <span class="href">(${escapeHtml(url)})</span>`;
    }
    case "url":
      return SAFE_LINK.test(inner) ? `<a href="${text}">${text}</a>` : text;
    case "text_mention":
      return `${text} <span class="href">(user${entity.user?.id ?? ""})</span>`;
    default:
      return text;
  }
}

// @ts-check
/**
 * Every readable file of a bundle as a deterministic function of its log: result.json (Telegram
 * Desktop's format), messages.html and the JSON documents, from the lines of events.jsonl (and,
 * for a period, context.jsonl) and the signed facts of manifest.json. The exporter writes them
 * with this module and verify.mjs derives them again with the same module, byte for byte.
 *
 * Two passes over the lines: `prepare` gathers what a message shows that arrives after it (its
 * edits and reactions); then `context`, `start`, `render` for each line and `finish`.
 */
import { desktopChatId, desktopChatType, desktopMessage } from "./desktop.mjs";
import { LogFacts } from "./documents.mjs";
import { htmlFoot, htmlHappening, htmlHead, htmlMessage, htmlRecord, reactionSymbol } from "./html.mjs";
import { localTimes } from "./local-time.mjs";
import {
  editOf,
  isEditKind,
  isMessageKind,
  messageKey,
  messageView,
  personName,
  telegramMessageOf,
} from "./message-view.mjs";

/** @typedef {import("./message-view.mjs").LogEvent} LogEvent */
/** @typedef {import("./message-view.mjs").Edit} Edit */
/** @typedef {import("./desktop.mjs").ReactionSeen} ReactionSeen */
/**
 * @typedef {object} BundleFacts the signed facts the views name
 * @property {{ id: number, telegramChatId: number, type: string, title: string | null }} chat
 * @property {{ from: string, to: string, dates?: string, timezone?: string } | null} period
 * @property {string} createdAt
 * @property {string} defaultTimezone the deployment's zone, in force until the chat's regulation names one
 */

/** The files derived here, in the order `finish` gives the small ones. */
export const STREAMED_VIEWS = ["result.json", "messages.html"];
export const DOCUMENTS = ["participants.json", "regulation.json", "obligations.json", "coverage.json"];
/** The event kinds `prepare` reads. */
export const PREPARED_KINDS = ["edit", "bot_edit", "reaction"];
/** @type {ReactionSeen[]} */
const NO_REACTIONS = [];
/** @type {Edit[]} */
const NO_EDITS = [];

export class BundleViews {
  /**
   * @param {BundleFacts} facts
   * @param {{ json: boolean, html: boolean }} wanted which streamed view `render` gives (the other comes out empty), so two threads can share the work
   */
  constructor(facts, wanted = { json: true, html: true }) {
    this.facts = facts;
    this.wanted = wanted;
    this.log = new LogFacts();
    /** @type {Map<string, Edit[]>} */
    this.edits = new Map();
    /** @type {Map<string, Map<number, ReactionSeen[]>>} by message, then by person: each person's latest choice */
    this.reactions = new Map();
    /** @type {Set<string>} the ids of the messages an edit or a reaction follows: only they need the lookups by key */
    this.followed = new Set();
    /** @type {Set<string>} edited messages shown so far (their edits are shown with them) */
    this.editedOriginals = new Set();
    /** @type {string | null} */
    this.username = null;
    this.sawMessage = false;
    this.separator = "\n";
    this.zone = facts.defaultTimezone;
    /** @type {string | undefined} the zone at the first exported event */
    this.startZone = undefined;
    /** @type {string | undefined} the zone `when` and `clock` write in */
    this.whenZone = undefined;
    this.whenIn = (/** @type {number} */ _seconds) => "";
    this.clockIn = (/** @type {number} */ _seconds) => "";
    this.desktopIn = (/** @type {number} */ _seconds) => "";
  }

  /** Pass 1: each line in order; only edits, reactions and the first message are read. @param {string} line */
  prepare(line) {
    /** @type {LogEvent} */
    const event = JSON.parse(line);
    if (!this.sawMessage && isMessageKind(event.kind)) {
      this.sawMessage = true;
      this.username = telegramMessageOf(event)?.chat?.username ?? null;
    }
    if (isEditKind(event.kind)) {
      const message = telegramMessageOf(event);
      if (message === undefined) return;
      const key = messageKey(message);
      this.followed.add(String(message.message_id));
      const edits = this.edits.get(key) ?? [];
      edits.push(editOf(event, message));
      this.edits.set(key, edits);
    } else if (event.kind === "reaction") this.prepareReaction(event.payload?.message_reaction);
  }

  /** A person's reactions to a message are what they chose last. @param {any} update */
  prepareReaction(update) {
    if (update === undefined || update.chat === undefined) return;
    const key = `${update.chat.id}:${update.message_id}`;
    this.followed.add(String(update.message_id));
    const who = update.user ?? update.actor_chat;
    const whoId = update.user?.id ?? update.actor_chat?.id ?? 0;
    const byPerson = this.reactions.get(key) ?? new Map();
    const from = update.user ? personName(update.user) : (update.actor_chat?.title ?? "anonymous");
    const fromId = update.user ? `user${update.user.id}` : `channel${String(who?.id ?? "").replace(/^-100/, "")}`;
    byPerson.set(
      whoId,
      (update.new_reaction ?? []).map((/** @type {any} */ reaction) => ({
        emoji: reaction.type === "emoji" ? reaction.emoji : null,
        customEmojiId: reaction.type === "custom_emoji" ? reaction.custom_emoji_id : null,
        paid: reaction.type === "paid",
        from,
        fromId,
        date: update.date,
      })),
    );
    this.reactions.set(key, byPerson);
  }

  /** Pass 2, before the exported events: a line of context.jsonl. @param {string} line */
  context(line) {
    this.log.add(JSON.parse(line), false);
    this.zone = this.log.timezone ?? this.zone;
  }

  /** The beginnings of the streamed views. */
  start() {
    const { chat } = this.facts;
    const title = this.title();
    const header = {
      name: title,
      type: desktopChatType(chat.type, this.username),
      id: desktopChatId(chat.telegramChatId, chat.type),
      x_telegram_chat_id: chat.telegramChatId,
      x_regbot_chat_id: chat.id,
      x_timezone: this.zone,
      x_note:
        "date and edited are wall-clock times in the zone the chat's regulation had then (x_timezone, or the message's own x_timezone where it differs); date_unixtime is exact.",
    };
    return {
      json: `${JSON.stringify(header, null, 1).slice(0, -2)},\n "messages": [`,
      html: htmlHead({ title, subtitle: this.subtitle() }),
    };
  }

  /** Pass 2: one exported line, as its pieces of result.json and messages.html. @param {string} line */
  render(line) {
    /** @type {LogEvent} */
    const event = JSON.parse(line);
    this.log.add(event, true);
    if (event.kind === "regulation") this.zone = this.log.timezone ?? this.zone;
    const message = isMessageKind(event.kind) || isEditKind(event.kind) ? telegramMessageOf(event) : undefined;
    if (message === undefined) return { json: "", html: this.wanted.html ? this.record(event) : "" };
    // Most messages are never edited nor reacted to: they need no lookup by key.
    const key = this.followed.has(String(message.message_id)) ? messageKey(message) : "";
    const edits = this.edits.get(key) ?? NO_EDITS;
    if (isEditKind(event.kind)) {
      // An edit of a message from before the period appears once, where its first edit falls.
      if (this.editedOriginals.has(key) || edits[0]?.seq !== event.seq) return { json: "", html: "" };
    } else if (edits.length > 0) this.editedOriginals.add(key);
    const view = messageView(event, message, edits);
    this.when();
    const localDate = this.desktopIn;
    const byPerson = this.reactions.get(key);
    const reactions =
      byPerson === undefined ? NO_REACTIONS : [...byPerson.values()].flat().sort((a, b) => a.date - b.date);
    let json = "";
    if (this.wanted.json) {
      const shown = desktopMessage(view, localDate, reactions);
      if (this.zone !== this.firstZone()) shown.x_timezone = this.zone;
      json = `${this.separator}${JSON.stringify(shown)}`;
      this.separator = ",\n";
    }
    return { json, html: this.wanted.html ? htmlMessage(view, this.when(), reactions, this.clock()) : "" };
  }

  /** The ends of the streamed views and the JSON documents. @param {string} merkleRoot the exported events' root */
  finish(merkleRoot) {
    const period =
      this.facts.period === null
        ? null
        : { from: Date.parse(this.facts.period.from), to: Date.parse(this.facts.period.to) };
    const json = (/** @type {unknown} */ value) => `${JSON.stringify(value, null, 1)}\n`;
    return {
      json: "\n ]\n}\n",
      html: htmlFoot({ title: this.title(), period: this.periodText(), merkleRoot }),
      documents: [
        json(this.log.participants()),
        json(this.log.regulation()),
        json(this.log.obligations()),
        json(this.log.coverage(period)),
      ],
    };
  }

  title() {
    return this.facts.chat.title ?? `chat ${this.facts.chat.telegramChatId}`;
  }

  firstZone() {
    if (this.startZone === undefined) this.startZone = this.zone;
    return this.startZone;
  }

  periodText() {
    const period = this.facts.period;
    if (period === null) return "whole history";
    return period.dates !== undefined
      ? `${period.dates} (${period.timezone ?? "UTC"} dates)`
      : `${period.from} to ${period.to}`;
  }

  subtitle() {
    this.firstZone();
    return `${this.periodText()}; each time in the zone the chat's regulation had then (at the start: ${this.zone}); exported ${this.facts.createdAt}`;
  }

  /** `2026-11-27 10:15:00 UTC+01:00 (Europe/Madrid)` for Unix seconds, in the zone in force now. */
  when() {
    if (this.whenZone !== this.zone) {
      const times = localTimes(this.zone);
      const zone = this.zone;
      this.whenIn = (/** @type {number} */ seconds) => `${times.labelled(seconds * 1000)} (${zone})`;
      this.clockIn = (/** @type {number} */ seconds) => times.clock(seconds * 1000);
      this.desktopIn = (/** @type {number} */ seconds) => times.desktop(seconds * 1000);
      this.whenZone = zone;
    }
    return this.whenIn;
  }

  /** `14:02` for Unix seconds, in the zone in force now. */
  clock() {
    this.when();
    return this.clockIn;
  }

  /** A record of regbot's, or something that happened that is not a message, in words. @param {LogEvent} event */
  record(event) {
    const when = this.when()(Math.floor(Date.parse(event.at) / 1000));
    const words = recordWords(event, this.log, this.when());
    if (event.kind === "member") return htmlHappening(event.seq, when, words);
    return htmlRecord(event.seq, when, words);
  }
}

/**
 * regbot's own records and the updates that are not messages, stated in words.
 * @param {LogEvent} event @param {LogFacts} log @param {(seconds: number) => string} when
 */
export function recordWords(event, log, when) {
  const payload = event.payload ?? {};
  const name = (/** @type {number | null | undefined} */ id) => (typeof id === "number" ? log.nameOf(id) : "someone");
  const instant = (/** @type {string | undefined} */ text) =>
    text === undefined ? "an unknown time" : when(Math.floor(Date.parse(text) / 1000));
  switch (event.kind) {
    case "regulation": {
      const changes = Array.isArray(payload.changes)
        ? payload.changes.map((/** @type {any} */ change) => `${change.key}: ${change.old} → ${change.new}`).join("; ")
        : "";
      return `The regulation's version ${payload.version ?? "?"} is in force${payload.changedBy ? `, changed by ${name(payload.changedBy)}` : ""}${changes ? ` (${changes})` : ""}.`;
    }
    case "roles": {
      const userId = payload.userId ?? payload.to;
      if (payload.action === "revoke")
        return `${name(userId)} no longer holds a role (${payload.reason ?? "revoked"})${payload.by ? `, by ${name(payload.by)}` : ""}.`;
      return `${name(userId)} is now the ${payload.role ?? payload.granted}${payload.by ? `, named by ${name(payload.by)}` : ""}.`;
    }
    case "window":
      if (payload.event === "opened")
        return `A reply is owed: response window ${payload.windowId} opened, due ${instant(payload.dueAt)}.`;
      if (payload.event === "answered")
        return `Response window ${payload.windowId} was answered after ${payload.businessMinutes} business minutes${payload.onTime === false ? ", late" : payload.onTime ? ", on time" : ""}.`;
      if (payload.event === "breached")
        return `Response window ${payload.windowId} passed its due time (${instant(payload.dueAt)}) without an answer.`;
      if (payload.event === "warned")
        return `regbot warned ${(payload.specialists ?? []).map(name).join(", ")} that response window ${payload.windowId} is due ${instant(payload.dueAt)}.`;
      if (payload.event === "escalated")
        return `Response window ${payload.windowId} was still unanswered past its due time (${instant(payload.dueAt)}): regbot told ${(payload.managers ?? []).map(name).join(", ")}, the manager.`;
      if (payload.event === "alert-edited")
        return `regbot added to its private alert to ${name(payload.to)} about response window ${payload.windowId} (message #${payload.messageId}): ${payload.note}`;
      return `Response window ${payload.windowId}: ${payload.event}.`;
    case "obligation":
      // A lapsed proposal never ran: its would-be end is no due time.
      if (payload.kind === "pause" && payload.event === "lapsed")
        return `pause ${payload.number} “${payload.description ?? ""}”: the proposal lapsed unanswered at ${instant(payload.lapsedAt)} and stopped no clock.`;
      return `${payload.kind} ${payload.number} “${payload.description ?? ""}”: ${payload.event}${payload.by ? ` by ${name(payload.by)}` : ""}; due ${instant(payload.dueAt)}.`;
    case "lifecycle":
      if (payload.event === "stop") return `regbot stopped (run ${payload.run}).`;
      return `regbot started (run ${payload.run})${payload.previousRun ? `; the run before it was last seen at ${instant(payload.previousRun.lastSeenAt)}${payload.previousRun.stoppedCleanly ? " and stopped cleanly" : " and did not stop cleanly"}` : ""}.`;
    case "coverage": {
      const seeing = payload.complete
        ? "regbot now sees every message"
        : "regbot now sees only commands, replies to it and service messages (privacy mode without administrator rights)";
      const away = payload.absent
        ? `; it had been removed from the chat from ${when(Math.floor(payload.absent.from / 1000))} to ${when(Math.floor(payload.absent.to / 1000))}, and nothing said then is in this record`
        : "";
      return `${seeing}${away}.`;
    }
    case "checkpoint":
      return `Checkpoint: the log had ${payload.size} events, Merkle root ${payload.root}.`;
    case "member":
      return membershipWords(payload.chat_member ?? payload.my_chat_member);
    case "reaction": {
      const update = payload.message_reaction;
      if (update === undefined)
        return `Reactions to message #${payload.message_reaction_count?.message_id} were counted anonymously.`;
      const chosen = (update.new_reaction ?? []).map((/** @type {any} */ reaction) =>
        reactionSymbol({
          emoji: reaction.emoji ?? null,
          customEmojiId: reaction.custom_emoji_id ?? null,
          paid: reaction.type === "paid",
          from: "",
          fromId: "",
          date: 0,
        }),
      );
      const who = update.user ? personName(update.user) : (update.actor_chat?.title ?? "someone");
      return chosen.length === 0
        ? `${who} withdrew their reaction to message #${update.message_id}.`
        : `${who} reacted ${chosen.join(" ")} to message #${update.message_id}.`;
    }
    case "action": {
      const query = payload.callback_query;
      return query
        ? `${personName(query.from)} pressed a button on message #${query.message?.message_id}.`
        : "Someone pressed a button.";
    }
    case "rating":
      if (payload.event === "requested")
        return `${name(payload.client)} was asked to rate the work (${payload.occasion}).`;
      if (payload.event === "rated") return `${name(payload.by)} rated the work ${payload.score} of 5.`;
      return `${name(payload.by)} commented on their rating: ${payload.comment}`;
    case "transcript":
      return `The text of voice message #${payload.voiceMessageId} was given in message #${payload.transcriptMessageId} (${payload.via ?? "by hand"}).`;
    default:
      return `regbot recorded: ${event.kind}.`;
  }
}

/** @param {any} update */
function membershipWords(update) {
  if (update === undefined) return "A membership changed.";
  const by = personName(update.from);
  const who = personName(update.new_chat_member?.user);
  const was = update.old_chat_member?.status;
  const now = update.new_chat_member?.status;
  const self = update.from?.id === update.new_chat_member?.user?.id;
  if ((now === "member" || now === "administrator") && (was === "left" || was === "kicked"))
    return self ? `${who} joined the chat.` : `${by} added ${who}.`;
  if (now === "left" || now === "kicked") return self ? `${who} left the chat.` : `${by} removed ${who}.`;
  if (now === "administrator") return `${by} made ${who} an administrator.`;
  return `${by} changed ${who}'s membership from ${was} to ${now}.`;
}

// @ts-check
/**
 * The bundle's JSON files beside the log, derived from its events alone: who took part and in
 * which role when, under which rules, what was owed, and what regbot could see. A period's
 * export reads the rules, roles and runs in force at its start from context.jsonl.
 */
import { personName } from "./message-view.mjs";

/** @typedef {import("./message-view.mjs").LogEvent} LogEvent */
/** @typedef {{ from: number, to: number }} Period */

/** Telegram keeps undelivered updates for 24 hours; a longer gap may have lost messages for good. */
export const TELEGRAM_RETENTION_MS = 24 * 60 * 60 * 1000;

/** The event kinds a period's export needs from before the period (context.jsonl). */
export const CONTEXT_KINDS = ["regulation", "roles", "lifecycle", "coverage"];

const HOUR_MS = 3_600_000;
/** @param {number | null | undefined} ms */
const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export class LogFacts {
  constructor() {
    /** @type {Map<number, { id: number, from_id: string, first_name: string, last_name: string | null, username: string | null, is_bot: boolean, last_seen_at: string }>} */
    this.people = new Map();
    /** @type {Array<{ user_id: number, role: string, since: string, until: string | null, granted_by: number | null, ended_by: number | null, end_reason: string | null }>} */
    this.roles = [];
    /** @type {Array<{ version: number, in_force_from: string, until: string | null, changed_by: number | null, changes: unknown, settings: unknown, seq: number }>} */
    this.versions = [];
    /** @type {Map<number, Record<string, unknown> & { events: object[] }>} */
    this.windows = new Map();
    /** @type {Map<string, Record<string, unknown> & { events: object[] }>} */
    this.obligationsByKey = new Map();
    /** @type {Map<number, { id: number, occasion: string | null, client: number | null, requested_at: string | null, score: number | null, rated_at: string | null, comment: string | null, commented_at: string | null }>} */
    this.ratings = new Map();
    /** @type {Map<number, { id: number, started_at: string | null, stopped_at: string | null, startedMs: number | null, stoppedMs: number | null }>} */
    this.runs = new Map();
    /** @type {Array<{ from: number, to: number, cleanly: boolean }>} */
    this.gaps = [];
    /** @type {object[]} */
    this.visibility = [];
    /** @type {boolean | null} */
    this.seesAll = null;
    /** @type {boolean | null} */
    this.seesAllAtStart = null;
  }

  /** The chat's zone from its regulation's latest version, if it has one. */
  get timezone() {
    const settings = /** @type {{ timezone?: unknown } | null} */ (this.versions.at(-1)?.settings ?? null);
    return typeof settings?.timezone === "string" ? settings.timezone : undefined;
  }

  /** @param {LogEvent} event @param {boolean} exported false for an event of context.jsonl */
  add(event, exported) {
    const payload = event.payload ?? {};
    switch (event.kind) {
      case "regulation":
        return this.addVersion(event, payload);
      case "roles":
        return this.addRole(event.at, payload);
      case "lifecycle":
        return this.addRun(Date.parse(event.at), payload);
      case "coverage":
        this.seesAll = typeof payload.complete === "boolean" ? payload.complete : this.seesAll;
        if (!exported) this.seesAllAtStart = this.seesAll;
        else this.visibility.push(visibilityChange(event, payload));
        return;
      case "window":
        return this.addWindow(event.at, payload);
      case "obligation":
        return this.addObligation(event.at, payload);
      case "rating":
        return this.addRating(event.at, payload);
      default:
        if (exported) this.seePeople(event);
    }
  }

  /** @param {LogEvent} event @param {any} payload */
  addVersion(event, payload) {
    const previous = this.versions.at(-1);
    if (previous !== undefined) previous.until = event.at;
    const version = typeof payload.version === "number" ? payload.version : this.versions.length + 1;
    this.versions.push({
      version,
      in_force_from: event.at,
      until: null,
      changed_by: payload.changedBy ?? null,
      changes: payload.changes ?? null,
      settings: payload.regulation ?? null,
      seq: event.seq,
    });
  }

  /** A grant ends the person's other role, and a new client's replaces the old client's. @param {string} at @param {any} payload */
  addRole(at, payload) {
    const userId = payload.userId ?? payload.to;
    const role = payload.role ?? payload.granted;
    const by = payload.by ?? null;
    const end = (/** @type {(held: LogFacts["roles"][number]) => boolean} */ which, /** @type {string} */ reason) => {
      for (const held of this.roles)
        if (held.until === null && which(held)) Object.assign(held, { until: at, ended_by: by, end_reason: reason });
    };
    if (payload.action === "revoke") return end((held) => held.user_id === userId, payload.reason ?? "revoked");
    if (typeof role !== "string" || typeof userId !== "number") return;
    end((held) => held.user_id === userId, "given another role");
    if (role === "client") end((held) => held.role === "client", "another person became the client's contact");
    this.roles.push({
      user_id: userId,
      role,
      since: at,
      until: null,
      granted_by: by,
      ended_by: null,
      end_reason: null,
    });
  }

  /** @param {number} at @param {any} payload */
  addRun(at, payload) {
    const run = this.runOf(payload.run);
    if (payload.event === "stop") {
      run.stoppedMs = at;
      run.stopped_at = iso(at);
      return;
    }
    run.startedMs = at;
    run.started_at = iso(at);
    const previous = payload.previousRun;
    if (previous === null || previous === undefined) return;
    const before = this.runOf(previous.id);
    before.startedMs ??= Date.parse(previous.startedAt);
    before.started_at ??= previous.startedAt;
    const from = before.stoppedMs ?? Date.parse(previous.lastSeenAt);
    if (at > from) this.gaps.push({ from, to: at, cleanly: previous.stoppedCleanly === true });
  }

  /** @param {number} id */
  runOf(id) {
    let run = this.runs.get(id);
    if (run === undefined) {
      run = { id, started_at: null, stopped_at: null, startedMs: null, stoppedMs: null };
      this.runs.set(id, run);
    }
    return run;
  }

  /** @param {string} at @param {any} payload */
  addWindow(at, payload) {
    const id = payload.windowId;
    let window = this.windows.get(id);
    if (window === undefined) {
      window = {
        id,
        opened_at: null,
        due_at: null,
        regulation_version: null,
        state: "open",
        answered_at: null,
        business_minutes: null,
        on_time: null,
        breached_at: null,
        events: [],
      };
      this.windows.set(id, window);
    }
    const { event, windowId: _id, ...details } = payload;
    window.events.push({ event, at, ...details });
    if (event === "opened")
      Object.assign(window, {
        opened_at: at,
        due_at: payload.dueAt ?? null,
        regulation_version: payload.regulationVersion ?? null,
      });
    else if (event === "answered")
      Object.assign(window, {
        state: "answered",
        answered_at: at,
        business_minutes: payload.businessMinutes ?? null,
        on_time: payload.onTime ?? null,
      });
    else if (event === "breached")
      Object.assign(window, { state: window.state === "answered" ? "answered" : "breached", breached_at: at });
    // A cooling-off pause moved its due time; the window is as open as it was.
    else if (event === "moved") window.due_at = payload.dueAt ?? window.due_at;
    // A warning, or a private alert updated to say how the window ended, leaves its state as it was.
    else if (event !== "alert-edited" && event !== "warned") window.state = event;
  }

  /** @param {string} at @param {any} payload */
  addObligation(at, payload) {
    const key = `${payload.kind}:${payload.number}`;
    let obligation = this.obligationsByKey.get(key);
    if (obligation === undefined) {
      obligation = {
        kind: payload.kind,
        number: payload.number,
        description: payload.description,
        created_at: null,
        due_at: payload.dueAt ?? null,
        state: null,
        events: [],
      };
      this.obligationsByKey.set(key, obligation);
    }
    const { event, kind: _kind, number: _number, ...details } = payload;
    obligation.events.push({ event, at, ...details });
    if (event === "created") obligation.created_at = at;
    Object.assign(obligation, {
      description: payload.description ?? obligation.description,
      due_at: payload.dueAt ?? obligation.due_at,
      state: event,
    });
  }

  /** The client contact's rating: asked, scored, commented. @param {string} at @param {any} payload */
  addRating(at, payload) {
    const id = payload.ratingId;
    let rating = this.ratings.get(id);
    if (rating === undefined) {
      rating = {
        id,
        occasion: null,
        client: null,
        requested_at: null,
        score: null,
        rated_at: null,
        comment: null,
        commented_at: null,
      };
      this.ratings.set(id, rating);
    }
    if (payload.event === "requested")
      Object.assign(rating, { occasion: payload.occasion ?? null, client: payload.client ?? null, requested_at: at });
    else if (payload.event === "rated") Object.assign(rating, { score: payload.score ?? null, rated_at: at });
    else if (payload.event === "commented")
      Object.assign(rating, { comment: payload.comment ?? null, commented_at: at });
  }

  /** Everyone an event shows, with the names Telegram gave then. @param {LogEvent} event */
  seePeople(event) {
    const payload = event.payload ?? {};
    const message = payload.message ?? payload.edited_message ?? payload.result;
    const membership = payload.my_chat_member ?? payload.chat_member;
    if (message !== undefined) {
      this.see(message.from, event.at);
      this.see(message.reply_to_message?.from, event.at);
      for (const user of message.new_chat_members ?? []) this.see(user, event.at);
      this.see(message.left_chat_member, event.at);
    }
    this.see(membership?.from, event.at);
    this.see(membership?.new_chat_member?.user, event.at);
    this.see(payload.message_reaction?.user, event.at);
    this.see(payload.callback_query?.from, event.at);
  }

  /** @param {any} user @param {string} at */
  see(user, at) {
    if (user === undefined || user === null || typeof user.id !== "number") return;
    const known = this.people.get(user.id);
    const [first, last, username] = [user.first_name ?? "", user.last_name ?? null, user.username ?? null];
    // A long chat shows the same few people a million times: the record is made anew only when a name changes.
    if (known !== undefined && known.first_name === first && known.last_name === last && known.username === username) {
      known.last_seen_at = at;
      return;
    }
    this.people.set(user.id, {
      id: user.id,
      from_id: `user${user.id}`,
      first_name: first,
      last_name: last,
      username,
      is_bot: user.is_bot === true,
      last_seen_at: at,
    });
  }

  /** @param {number} userId */
  nameOf(userId) {
    const person = this.people.get(userId);
    return person === undefined ? `user${userId}` : personName(person);
  }

  participants() {
    return {
      people: [...this.people.values()].sort((a, b) => a.id - b.id),
      roles: this.roles,
      note: "Everyone the exported events show, with the names Telegram gave at their last appearance (last_seen_at); the names at the time of each message are in events.jsonl. Roles come from the log's role events, including those before the period (context.jsonl); a role with until null was held when the export ends.",
    };
  }

  regulation() {
    return {
      versions: this.versions.map(({ seq: _seq, ...version }) => version),
      note: "Each version of the chat's regulation as its change was logged (settings null: the change was logged without the full regulation).",
    };
  }

  obligations() {
    const all = [...this.obligationsByKey.values()];
    return {
      response_windows: [...this.windows.values()],
      information_requests: all.filter((obligation) => obligation.kind === "request"),
      deadlines: all.filter((obligation) => obligation.kind !== "request"),
      client_ratings: [...this.ratings.values()],
      note: "Obligations with an event in the exported events, each with every event logged for it and its state after the last; opened_at or created_at null means it was opened before the period. client_ratings are the client contact's ratings of the work (1 to 5) asked, given or commented in the period; occasion revision:<id> follows an accepted revision, monthly:<YYYY-MM> is the month's ask.",
    };
  }

  /** @param {Period | null} period */
  coverage(period) {
    const touches = (/** @type {number} */ from, /** @type {number} */ to) =>
      period === null || (to >= period.from && from < period.to);
    return {
      runs: [...this.runs.values()]
        .filter((run) => run.startedMs !== null && touches(run.startedMs, run.stoppedMs ?? Number.MAX_SAFE_INTEGER))
        .sort((a, b) => /** @type {number} */ (a.startedMs) - /** @type {number} */ (b.startedMs))
        .map(({ id, started_at, stopped_at }) => ({ id, started_at, stopped_at })),
      gaps: this.gaps
        .filter((gap) => touches(gap.from, gap.to))
        .map((gap) => ({
          from: iso(gap.from),
          to: iso(gap.to),
          hours: Math.round(((gap.to - gap.from) / HOUR_MS) * 100) / 100,
          previous_run_stopped_cleanly: gap.cleanly,
          beyond_telegram_retention: gap.to - gap.from > TELEGRAM_RETENTION_MS,
        })),
      visibility_changes: this.visibility,
      sees_all_messages_at_start: this.seesAllAtStart,
      sees_all_messages_at_end: this.seesAll,
      note: "Runs and gaps come from regbot's start and stop events in this chat's log: a gap between runs was a gap for every chat.",
      standing_facts: [
        "While regbot was not running, Telegram kept its updates for up to 24 hours; gaps flagged beyond_telegram_retention may have lost messages for good.",
        "Telegram does not deliver other bots' messages to bots, so messages by other bots are missing from this record.",
        "Telegram does not tell bots when a message is deleted; a deleted message stays in this record as it was sent.",
        "In privacy mode without administrator rights, a bot sees only commands, replies to it and service messages; see visibility_changes.",
      ],
    };
  }
}

/** @param {LogEvent} event @param {any} payload */
function visibilityChange(event, payload) {
  // regbot removed from the chat and added back: nothing said in between is in the record.
  const absence =
    payload.absent === undefined
      ? {}
      : { removed_from_chat: { from: iso(payload.absent.from), to: iso(payload.absent.to) } };
  return {
    seq: event.seq,
    at: event.at,
    sees_all_messages: payload.complete ?? null,
    reason: payload.reason ?? null,
    ...absence,
  };
}

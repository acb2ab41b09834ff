import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Every update exactly as received, stored before Telegram is told it arrived. Telegram restarts
 * its numbering at random after a week without updates, so `update_id` alone identifies nothing:
 * `key` is the update's identity in regbot (its `update_id`, or for a different update under an
 * id already taken, a negative number of its own), and a payload stored under the same
 * `update_id` is a redelivery.
 */
export const inboxUpdates = sqliteTable(
  "inbox_updates",
  {
    key: integer("key").primaryKey(),
    updateId: integer("update_id").notNull(),
    payload: text("payload").notNull(),
    receivedAt: integer("received_at").notNull(),
    state: text("state", { enum: ["pending", "done", "failed"] })
      .notNull()
      .default("pending"),
    error: text("error"),
    /** The chat the update belongs to, where it has one: PostgreSQL's processes take turns on a chat by it (SQLite leaves it empty). */
    telegramChatId: integer("telegram_chat_id"),
  },
  (table) => [
    index("inbox_updates_state").on(table.state, table.key),
    index("inbox_updates_update_id").on(table.updateId),
  ],
);

/** A client chat under regbot's watch; `id` is the internal key that survives migrations. */
export const chats = sqliteTable("chats", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  telegramChatId: integer("telegram_chat_id").notNull().unique(),
  type: text("type").notNull(),
  title: text("title"),
  isForum: integer("is_forum", { mode: "boolean" }).notNull().default(false),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  language: text("language"),
  seesAllMessages: integer("sees_all_messages", { mode: "boolean" }),
  /** When regbot was last removed (Telegram's date, UTC ms), while it is away: a re-add says how long the record has a gap. */
  removedAt: integer("removed_at"),
  createdAt: integer("created_at").notNull(),
});

/** Every Telegram id a chat has had (a group keeps its old id after becoming a supergroup). */
export const chatTelegramIds = sqliteTable("chat_telegram_ids", {
  telegramChatId: integer("telegram_chat_id").primaryKey(),
  chatId: integer("chat_id")
    .notNull()
    .references(() => chats.id),
});

export const chatRoles = sqliteTable(
  "chat_roles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    userId: integer("user_id").notNull(),
    role: text("role", { enum: ["specialist", "observer", "client", "manager"] }).notNull(),
    since: integer("since").notNull(),
    until: integer("until"),
  },
  (table) => [
    index("chat_roles_chat").on(table.chatId, table.role),
    // The Mini App's list starts from a person's roles: without it, every role of every chat is read.
    index("chat_roles_user").on(table.userId),
  ],
);

/** The append-only correspondence log; `line` is what the hash covers, the rest is for queries. */
export const events = sqliteTable(
  "events",
  {
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    seq: integer("seq").notNull(),
    source: text("source").notNull(),
    kind: text("kind").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    line: text("line").notNull(),
    receivedAt: integer("received_at").notNull(),
    telegramDate: integer("telegram_date"),
    senderId: integer("sender_id"),
    messageId: integer("message_id"),
    text: text("text"),
    replyToMessageId: integer("reply_to_message_id"),
    threadId: integer("thread_id"),
    forwardOrigin: text("forward_origin"),
    mediaType: text("media_type"),
    fileId: text("file_id"),
    fileUniqueId: text("file_unique_id"),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    fileSize: integer("file_size"),
    duration: integer("duration"),
  },
  (table) => [
    primaryKey({ columns: [table.chatId, table.seq] }),
    uniqueIndex("events_source").on(table.chatId, table.source),
  ],
);

/**
 * Each chat's Merkle frontier: the roots of the complete subtrees (RFC 6962) over its first
 * `size` events, largest first, 32 bytes each, kept up to date in the transaction of every
 * append, so a checkpoint's root costs O(log n) hashes instead of reading the log.
 */
export const chainFrontiers = sqliteTable("chain_frontiers", {
  chatId: integer("chat_id")
    .primaryKey()
    .references(() => chats.id),
  size: integer("size").notNull(),
  subtrees: blob("subtrees", { mode: "buffer" }).notNull(),
});

/** One row per process start, with a heartbeat, so gaps in coverage can be shown. */
export const runs = sqliteTable("runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  startedAt: integer("started_at").notNull(),
  lastSeenAt: integer("last_seen_at").notNull(),
  stoppedAt: integer("stopped_at"),
  lastTelegramContactAt: integer("last_telegram_contact_at"),
});

/**
 * Messages regbot will post, written in the same breath as the change that causes them and
 * delivered by the sender within Telegram's limits. `dedupeKey` makes enqueueing idempotent.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key").unique(),
    /** A group's internal key (its current Telegram id is looked up at send time), or null for a person. */
    chatId: integer("chat_id").references(() => chats.id),
    /** A person's private chat with regbot, when the message is for one person. */
    userId: integer("user_id"),
    threadId: integer("thread_id"),
    /** sendMessage parameters besides chat_id and message_thread_id, as JSON. */
    payload: text("payload").notNull(),
    priority: text("priority", { enum: ["normal", "low"] })
      .notNull()
      .default("normal"),
    /** For a person who never started regbot: `{ chatId, threadId, payload }` to post in a group instead. */
    fallback: text("fallback"),
    state: text("state", { enum: ["pending", "sending", "sent", "failed", "cancelled"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Set when a request may have reached Telegram without an answer: every later try may post a copy. */
    uncertain: integer("uncertain", { mode: "boolean" }).notNull().default(false),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    telegramMessageId: integer("telegram_message_id"),
    lastError: text("last_error"),
    /** Wall-clock time of the first failure of the attempts still going on; regbot gives up an hour after it. */
    failingSince: integer("failing_since"),
    /** An edit of the message this row (sent earlier) posted: the payload is the new text. */
    editOf: integer("edit_of"),
    /** While `sending` on PostgreSQL: until when its sender holds it; found `sending` later, it is uncertain. SQLite leaves it null. */
    claimedUntil: integer("claimed_until"),
  },
  (table) => [
    index("outbox_due").on(table.state, table.nextAttemptAt),
    // A destination's waiting messages in order: its head, and what a trigger keeps in `outbox_heads`.
    index("outbox_pending_lane")
      .on(sql`coalesce(${table.chatId}, -${table.userId}, 0)`, table.id)
      .where(sql`${table.state} = 'pending'`),
  ],
);

/**
 * The oldest pending message of each destination (a group's chat id, or minus a person's id),
 * kept by triggers on `outbox` (migration 0019), so the sender finds what may leave next without
 * grouping every waiting message on each send.
 */
export const outboxHeads = sqliteTable(
  "outbox_heads",
  {
    lane: integer("lane").primaryKey(),
    outboxId: integer("outbox_id").notNull(),
    nextAttemptAt: integer("next_attempt_at").notNull(),
  },
  (table) => [index("outbox_heads_next").on(table.nextAttemptAt, table.outboxId)],
);

/** Time-driven work: what, for which chat, due when (UTC ms); the database is the truth. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    chatId: integer("chat_id").references(() => chats.id),
    dueAt: integer("due_at").notNull(),
    payload: text("payload").notNull().default("{}"),
    /** Judges what people did, so it waits until updates that arrived during a downtime are handled. */
    judgesConduct: integer("judges_conduct", { mode: "boolean" }).notNull().default(false),
    /** `held`: came due while regbot was away from its chat; pending again when regbot is added back. */
    state: text("state", { enum: ["pending", "running", "done", "failed", "cancelled", "held"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastRunAt: integer("last_run_at"),
    ranLate: integer("ran_late", { mode: "boolean" }).notNull().default(false),
    lastError: text("last_error"),
    /** While `running` on PostgreSQL: until when its process holds it; past it, another process runs it. SQLite leaves it null. */
    claimedUntil: integer("claimed_until"),
  },
  (table) => [index("jobs_due").on(table.state, table.dueAt)],
);

/** Everyone regbot has seen in a chat, with their latest names: how an @username is resolved. */
export const people = sqliteTable(
  "people",
  {
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    userId: integer("user_id").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name"),
    username: text("username"),
    isBot: integer("is_bot", { mode: "boolean" }).notNull().default(false),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chatId, table.userId] }),
    index("people_username").on(table.chatId, table.username),
  ],
);

/** Every version of a chat's regulation; the one in force at an instant is the latest before it. */
export const regulationVersions = sqliteTable(
  "regulation_versions",
  {
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    version: integer("version").notNull(),
    settings: text("settings").notNull(),
    changedBy: integer("changed_by"),
    inForceFrom: integer("in_force_from").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chatId, table.version] })],
);

/** A specialist named someone the client contact (or the manager); it takes effect when that person confirms. */
export const clientNominations = sqliteTable(
  "client_nominations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    userId: integer("user_id").notNull(),
    nominatedBy: integer("nominated_by").notNull(),
    /** The role the person is asked to take: the client contact, or the manager on the specialist's side. */
    role: text("role", { enum: ["client", "manager"] })
      .notNull()
      .default("client"),
    nominatedAt: integer("nominated_at").notNull(),
    /** The update that made it (`update:<key>`): handled again, it finds this one instead of making another. */
    source: text("source"),
    state: text("state", { enum: ["pending", "confirmed", "withdrawn"] })
      .notNull()
      .default("pending"),
  },
  (table) => [
    index("client_nominations_chat").on(table.chatId, table.state),
    uniqueIndex("client_nominations_source").on(table.chatId, table.source),
  ],
);

/**
 * How regbot was added to a chat, decided once per update from the chat as it was before it:
 * handled again after a crash that stored part of the join, the join says what it would have said.
 */
export const chatJoins = sqliteTable("chat_joins", {
  updateKey: integer("update_key").primaryKey(),
  chatId: integer("chat_id")
    .notNull()
    .references(() => chats.id),
  /** regbot had been in the chat before: a return is announced, not an introduction. */
  isReturn: integer("is_return", { mode: "boolean" }).notNull(),
  /** When regbot was removed, if known (UTC ms): the gap in the record. */
  awayFrom: integer("away_from"),
  /** Whether the chat had a specialist; if not, the adder becomes one. */
  hadSpecialist: integer("had_specialist", { mode: "boolean" }).notNull(),
});

/** A person's open private conversation with regbot (the guided setup), so a restart resumes it. */
export const conversationStates = sqliteTable("conversation_states", {
  userId: integer("user_id").primaryKey(),
  /** The conversations plugin's versioned replay state, as JSON (`null` once the conversation closed). */
  state: text("state").notNull(),
  /** The last update this state has taken in (its inbox key): handled again, that update is not fed to the conversation twice. */
  updateKey: integer("update_key"),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * What regbot said straight to Telegram while handling an update (private replies, answers to
 * buttons, edits), numbered per method in the order said: handled again after a crash, the update
 * gets these results back instead of saying anything twice.
 */
export const directReplies = sqliteTable(
  "direct_replies",
  {
    updateKey: integer("update_key").notNull(),
    method: text("method").notNull(),
    seq: integer("seq").notNull(),
    /** Telegram's result for the call, as JSON. */
    result: text("result").notNull(),
    saidAt: integer("said_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.updateKey, table.method, table.seq] })],
);

/**
 * The specialist's promised answer time, one window at a time per chat: opened by the client
 * contact's message, closed by a specialist's answer, judged by Telegram's message dates.
 */
export const responseWindows = sqliteTable(
  "response_windows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    openedAt: integer("opened_at").notNull(),
    openedByMessageId: integer("opened_by_message_id").notNull(),
    regulationVersion: integer("regulation_version").notNull(),
    dueAt: integer("due_at").notNull(),
    warnAt: integer("warn_at"),
    /** `dismissed`: a specialist said the message needed no answer; counted apart, never as on time. */
    state: text("state", { enum: ["open", "answered", "breached", "dismissed"] })
      .notNull()
      .default("open"),
    answeredAt: integer("answered_at"),
    answeredBy: integer("answered_by"),
    answerMessageId: integer("answer_message_id"),
    businessMinutes: real("business_minutes"),
    breachedAt: integer("breached_at"),
    dismissedAt: integer("dismissed_at"),
    dismissedBy: integer("dismissed_by"),
    dismissReason: text("dismiss_reason", { enum: ["thanks", "elsewhere", "not-request"] }),
  },
  (table) => [
    index("response_windows_chat").on(table.chatId, table.state),
    index("response_windows_opened").on(table.chatId, table.openedAt),
    // The one window a chat may have waiting, found without walking the chat's answered history.
    // Only the window still awaited: a dismissed one has no answer either, and they pile up.
    index("response_windows_awaiting")
      .on(table.chatId)
      .where(sql`${table.answeredAt} IS NULL AND ${table.dismissedAt} IS NULL`),
  ],
);

/**
 * Voice messages, round videos and recordings sent in a group, and whether they got a text
 * version; a burst (one sender, gaps of at most 5 minutes) shares its first message's id.
 */
export const voiceMessages = sqliteTable(
  "voice_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    messageId: integer("message_id").notNull(),
    senderId: integer("sender_id").notNull(),
    /** Telegram's date of the message, UTC ms. */
    sentAt: integer("sent_at").notNull(),
    duration: integer("duration").notNull(),
    mediaType: text("media_type", { enum: ["voice", "video_note", "audio"] }).notNull(),
    burstMessageId: integer("burst_message_id").notNull(),
    nudged: integer("nudged", { mode: "boolean" }).notNull().default(false),
    transcribedAt: integer("transcribed_at"),
    transcriptSource: text("transcript_source", { enum: ["reply", "next_message", "command"] }),
    transcriptMessageId: integer("transcript_message_id"),
    /** The `transcript` event in the chat's correspondence log. */
    transcriptEventSeq: integer("transcript_event_seq"),
  },
  (table) => [
    uniqueIndex("voice_messages_message").on(table.chatId, table.messageId),
    index("voice_messages_sender").on(table.chatId, table.senderId, table.sentAt),
    // Who has a voice message waiting, and a burst's waiting ones, found without reading the others.
    index("voice_messages_pending").on(table.chatId, table.transcribedAt, table.senderId, table.burstMessageId),
  ],
);

/**
 * What each side owes, numbered per chat and kind: information requests (R1, the client's),
 * revisions (V1) and plan stages (S1, the specialist's), agreed calls (C1, both sides'), and what
 * one side states and the other confirms: a payment (M1), a cooling-off pause (P1).
 * `dueAt` is the deadline, for a call the time it takes place, for a payment when it was made.
 */
export const obligations = sqliteTable(
  "obligations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    kind: text("kind", { enum: ["request", "revision", "stage", "call", "payment", "pause"] }).notNull(),
    number: integer("number").notNull(),
    description: text("description").notNull(),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    sourceMessageId: integer("source_message_id"),
    dueAt: integer("due_at").notNull(),
    /** open → done; a revision passes through delivered (the client accepts or reopens); a declined call is cancelled. */
    state: text("state", { enum: ["open", "delivered", "done", "cancelled"] })
      .notNull()
      .default("open"),
    closedAt: integer("closed_at"),
    closedBy: integer("closed_by"),
    businessDaysLate: integer("business_days_late"),
    overdueNotifiedAt: integer("overdue_notified_at"),
    /** The specialist's reason for a revision estimate other than the regulation's. */
    estimateReason: text("estimate_reason"),
    deliveredAt: integer("delivered_at"),
    deliveredBy: integer("delivered_by"),
    /** A call the other side agreed to. */
    confirmedAt: integer("confirmed_at"),
    confirmedBy: integer("confirmed_by"),
    /** A call's written record, and whether the other side confirmed or disputed it. */
    minutes: text("minutes"),
    minutesBy: integer("minutes_by"),
    minutesAt: integer("minutes_at"),
    minutesState: text("minutes_state", { enum: ["posted", "confirmed", "disputed"] }),
    /** When the client's delay on this request was applied to the specialist's deadlines (`/shift`). */
    shiftedAt: integer("shifted_at"),
    /** A call said not to have happened: the side that missed it, who said so and when, and the other side's verdict. */
    missedSide: text("missed_side", { enum: ["specialist", "client"] }),
    missedReportedBy: integer("missed_reported_by"),
    missedReportedAt: integer("missed_reported_at"),
    missedState: text("missed_state", { enum: ["reported", "confirmed", "disputed"] }),
  },
  (table) => [
    uniqueIndex("obligations_number").on(table.chatId, table.kind, table.number),
    // Wide enough that the Mini App's list counts what each chat owes from the index alone.
    index("obligations_open").on(table.chatId, table.state, table.kind, table.dueAt, table.confirmedAt),
    index("obligations_due").on(table.chatId, table.kind, table.dueAt),
    // Covers what the status counts across a chat's whole history (the days requests were provided late).
    index("obligations_kind_state").on(table.chatId, table.kind, table.state, table.businessDaysLate),
    // What the digest says was settled in its period, found by when, not by walking the chat's history.
    index("obligations_closed").on(table.chatId, table.closedAt),
    index("obligations_delivered").on(table.chatId, table.deliveredAt),
  ],
);

/**
 * Time the work waited on the client, as pause intervals in the specialist's clocks: a stage or
 * revision due after a pause's start is due later by the business time inside it.
 */
export const workPauses = sqliteTable(
  "work_pauses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
    /** The late information request whose waiting this is; one pause per request. */
    causeObligationId: integer("cause_obligation_id")
      .notNull()
      .references(() => obligations.id),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("work_pauses_cause").on(table.causeObligationId),
    index("work_pauses_chat").on(table.chatId, table.startAt),
  ],
);

/**
 * The client contact's rating of the work (1–5), asked after an accepted revision and monthly,
 * at most once a week; `source` names the occasion so it is asked once.
 */
export const ratings = sqliteTable(
  "ratings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id),
    userId: integer("user_id").notNull(),
    /** `revision:<obligation id>` or `monthly:<YYYY-MM>`. */
    source: text("source").notNull(),
    requestedAt: integer("requested_at").notNull(),
    score: integer("score"),
    ratedAt: integer("rated_at"),
    comment: text("comment"),
    commentedAt: integer("commented_at"),
    /** Where the client rated (their private chat, or the group): a reply to it is the comment. */
    messageChatId: integer("message_chat_id"),
    messageId: integer("message_id"),
  },
  (table) => [
    uniqueIndex("ratings_source").on(table.chatId, table.source),
    index("ratings_chat").on(table.chatId, table.requestedAt),
  ],
);

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * The PostgreSQL twin of `../schema.ts`, which says what each table and column means: the same
 * tables, columns, keys and indexes under the same names, so both hold the same rows.
 * SQLite's integers are 64-bit (Telegram chat ids and UTC milliseconds need more than 32), so
 * every one is a `bigint` read as a JS number; JSON and hashed lines stay `text`, byte for byte.
 */
function int(name: string) {
  return bigint(name, { mode: "number" });
}

/** SQLite's blob: raw bytes, a Buffer both ways. */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const inboxUpdates = pgTable(
  "inbox_updates",
  {
    key: int("key").primaryKey(),
    updateId: int("update_id").notNull(),
    payload: text("payload").notNull(),
    receivedAt: int("received_at").notNull(),
    state: text("state", { enum: ["pending", "done", "failed"] })
      .notNull()
      .default("pending"),
    error: text("error"),
    /** The chat the update belongs to, where it has one: processes take turns on a chat by it. */
    telegramChatId: int("telegram_chat_id"),
  },
  (table) => [
    index("inbox_updates_state").on(table.state, table.key),
    index("inbox_updates_update_id").on(table.updateId),
  ],
);

export const chats = pgTable("chats", {
  id: int("id").primaryKey().generatedByDefaultAsIdentity(),
  telegramChatId: int("telegram_chat_id").notNull().unique(),
  type: text("type").notNull(),
  title: text("title"),
  isForum: boolean("is_forum").notNull().default(false),
  active: boolean("active").notNull().default(true),
  language: text("language"),
  seesAllMessages: boolean("sees_all_messages"),
  removedAt: int("removed_at"),
  createdAt: int("created_at").notNull(),
});

export const chatTelegramIds = pgTable("chat_telegram_ids", {
  telegramChatId: int("telegram_chat_id").primaryKey(),
  chatId: int("chat_id")
    .notNull()
    .references(() => chats.id),
});

export const chatRoles = pgTable(
  "chat_roles",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    userId: int("user_id").notNull(),
    role: text("role", { enum: ["specialist", "observer", "client", "manager"] }).notNull(),
    since: int("since").notNull(),
    until: int("until"),
  },
  (table) => [
    index("chat_roles_chat").on(table.chatId, table.role),
    // The Mini App's list starts from a person's roles: without it, every role of every chat is read.
    index("chat_roles_user").on(table.userId),
  ],
);

export const events = pgTable(
  "events",
  {
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    seq: int("seq").notNull(),
    source: text("source").notNull(),
    kind: text("kind").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    line: text("line").notNull(),
    receivedAt: int("received_at").notNull(),
    telegramDate: int("telegram_date"),
    senderId: int("sender_id"),
    messageId: int("message_id"),
    text: text("text"),
    replyToMessageId: int("reply_to_message_id"),
    threadId: int("thread_id"),
    forwardOrigin: text("forward_origin"),
    mediaType: text("media_type"),
    fileId: text("file_id"),
    fileUniqueId: text("file_unique_id"),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    fileSize: int("file_size"),
    duration: int("duration"),
  },
  (table) => [
    primaryKey({ columns: [table.chatId, table.seq] }),
    uniqueIndex("events_source").on(table.chatId, table.source),
  ],
);

export const chainFrontiers = pgTable("chain_frontiers", {
  chatId: int("chat_id")
    .primaryKey()
    .references(() => chats.id),
  size: int("size").notNull(),
  subtrees: bytes("subtrees").notNull(),
});

export const runs = pgTable("runs", {
  id: int("id").primaryKey().generatedByDefaultAsIdentity(),
  startedAt: int("started_at").notNull(),
  lastSeenAt: int("last_seen_at").notNull(),
  stoppedAt: int("stopped_at"),
  lastTelegramContactAt: int("last_telegram_contact_at"),
});

export const outbox = pgTable(
  "outbox",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    dedupeKey: text("dedupe_key").unique(),
    chatId: int("chat_id").references(() => chats.id),
    userId: int("user_id"),
    threadId: int("thread_id"),
    payload: text("payload").notNull(),
    priority: text("priority", { enum: ["normal", "low"] })
      .notNull()
      .default("normal"),
    fallback: text("fallback"),
    state: text("state", { enum: ["pending", "sending", "sent", "failed", "cancelled"] })
      .notNull()
      .default("pending"),
    attempts: int("attempts").notNull().default(0),
    uncertain: boolean("uncertain").notNull().default(false),
    nextAttemptAt: int("next_attempt_at").notNull(),
    createdAt: int("created_at").notNull(),
    sentAt: int("sent_at"),
    telegramMessageId: int("telegram_message_id"),
    lastError: text("last_error"),
    failingSince: int("failing_since"),
    editOf: int("edit_of"),
    claimedUntil: int("claimed_until"),
  },
  (table) => [
    index("outbox_due").on(table.state, table.nextAttemptAt),
    index("outbox_pending_lane")
      .on(sql`coalesce(${table.chatId}, -${table.userId}, 0)`, table.id)
      .where(sql`${table.state} = 'pending'`),
  ],
);

export const outboxHeads = pgTable(
  "outbox_heads",
  {
    lane: int("lane").primaryKey(),
    outboxId: int("outbox_id").notNull(),
    nextAttemptAt: int("next_attempt_at").notNull(),
  },
  (table) => [index("outbox_heads_next").on(table.nextAttemptAt, table.outboxId)],
);

export const jobs = pgTable(
  "jobs",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    chatId: int("chat_id").references(() => chats.id),
    dueAt: int("due_at").notNull(),
    payload: text("payload").notNull().default("{}"),
    judgesConduct: boolean("judges_conduct").notNull().default(false),
    state: text("state", { enum: ["pending", "running", "done", "failed", "cancelled", "held"] })
      .notNull()
      .default("pending"),
    attempts: int("attempts").notNull().default(0),
    lastRunAt: int("last_run_at"),
    ranLate: boolean("ran_late").notNull().default(false),
    lastError: text("last_error"),
    claimedUntil: int("claimed_until"),
  },
  (table) => [index("jobs_due").on(table.state, table.dueAt)],
);

export const people = pgTable(
  "people",
  {
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    userId: int("user_id").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name"),
    username: text("username"),
    isBot: boolean("is_bot").notNull().default(false),
    lastSeenAt: int("last_seen_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chatId, table.userId] }),
    index("people_username").on(table.chatId, table.username),
  ],
);

export const regulationVersions = pgTable(
  "regulation_versions",
  {
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    version: int("version").notNull(),
    settings: text("settings").notNull(),
    changedBy: int("changed_by"),
    inForceFrom: int("in_force_from").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chatId, table.version] })],
);

export const clientNominations = pgTable(
  "client_nominations",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    userId: int("user_id").notNull(),
    nominatedBy: int("nominated_by").notNull(),
    role: text("role", { enum: ["client", "manager"] })
      .notNull()
      .default("client"),
    nominatedAt: int("nominated_at").notNull(),
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

export const chatJoins = pgTable("chat_joins", {
  updateKey: int("update_key").primaryKey(),
  chatId: int("chat_id")
    .notNull()
    .references(() => chats.id),
  isReturn: boolean("is_return").notNull(),
  awayFrom: int("away_from"),
  hadSpecialist: boolean("had_specialist").notNull(),
});

export const conversationStates = pgTable("conversation_states", {
  userId: int("user_id").primaryKey(),
  state: text("state").notNull(),
  updateKey: int("update_key"),
  updatedAt: int("updated_at").notNull(),
});

export const directReplies = pgTable(
  "direct_replies",
  {
    updateKey: int("update_key").notNull(),
    method: text("method").notNull(),
    seq: int("seq").notNull(),
    result: text("result").notNull(),
    saidAt: int("said_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.updateKey, table.method, table.seq] })],
);

export const responseWindows = pgTable(
  "response_windows",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    openedAt: int("opened_at").notNull(),
    openedByMessageId: int("opened_by_message_id").notNull(),
    regulationVersion: int("regulation_version").notNull(),
    dueAt: int("due_at").notNull(),
    warnAt: int("warn_at"),
    state: text("state", { enum: ["open", "answered", "breached", "dismissed"] })
      .notNull()
      .default("open"),
    answeredAt: int("answered_at"),
    answeredBy: int("answered_by"),
    answerMessageId: int("answer_message_id"),
    businessMinutes: doublePrecision("business_minutes"),
    breachedAt: int("breached_at"),
    dismissedAt: int("dismissed_at"),
    dismissedBy: int("dismissed_by"),
    dismissReason: text("dismiss_reason", { enum: ["thanks", "elsewhere", "not-request"] }),
  },
  (table) => [
    index("response_windows_chat").on(table.chatId, table.state),
    index("response_windows_opened").on(table.chatId, table.openedAt),
    index("response_windows_awaiting")
      .on(table.chatId)
      .where(sql`${table.answeredAt} IS NULL AND ${table.dismissedAt} IS NULL`),
  ],
);

export const voiceMessages = pgTable(
  "voice_messages",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    messageId: int("message_id").notNull(),
    senderId: int("sender_id").notNull(),
    sentAt: int("sent_at").notNull(),
    duration: int("duration").notNull(),
    mediaType: text("media_type", { enum: ["voice", "video_note", "audio"] }).notNull(),
    burstMessageId: int("burst_message_id").notNull(),
    nudged: boolean("nudged").notNull().default(false),
    transcribedAt: int("transcribed_at"),
    transcriptSource: text("transcript_source", { enum: ["reply", "next_message", "command"] }),
    transcriptMessageId: int("transcript_message_id"),
    transcriptEventSeq: int("transcript_event_seq"),
  },
  (table) => [
    uniqueIndex("voice_messages_message").on(table.chatId, table.messageId),
    index("voice_messages_sender").on(table.chatId, table.senderId, table.sentAt),
    // Who has a voice message waiting, and a burst's waiting ones, found without reading the others.
    index("voice_messages_pending").on(table.chatId, table.transcribedAt, table.senderId, table.burstMessageId),
  ],
);

export const obligations = pgTable(
  "obligations",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    kind: text("kind", { enum: ["request", "revision", "stage", "call", "payment", "pause"] }).notNull(),
    number: int("number").notNull(),
    description: text("description").notNull(),
    createdBy: int("created_by").notNull(),
    createdAt: int("created_at").notNull(),
    sourceMessageId: int("source_message_id"),
    dueAt: int("due_at").notNull(),
    state: text("state", { enum: ["open", "delivered", "done", "cancelled"] })
      .notNull()
      .default("open"),
    closedAt: int("closed_at"),
    closedBy: int("closed_by"),
    businessDaysLate: int("business_days_late"),
    overdueNotifiedAt: int("overdue_notified_at"),
    estimateReason: text("estimate_reason"),
    deliveredAt: int("delivered_at"),
    deliveredBy: int("delivered_by"),
    confirmedAt: int("confirmed_at"),
    confirmedBy: int("confirmed_by"),
    minutes: text("minutes"),
    minutesBy: int("minutes_by"),
    minutesAt: int("minutes_at"),
    minutesState: text("minutes_state", { enum: ["posted", "confirmed", "disputed"] }),
    shiftedAt: int("shifted_at"),
    missedSide: text("missed_side", { enum: ["specialist", "client"] }),
    missedReportedBy: int("missed_reported_by"),
    missedReportedAt: int("missed_reported_at"),
    missedState: text("missed_state", { enum: ["reported", "confirmed", "disputed"] }),
  },
  (table) => [
    uniqueIndex("obligations_number").on(table.chatId, table.kind, table.number),
    // Wide enough that the Mini App's list counts what each chat owes from the index alone.
    index("obligations_open").on(table.chatId, table.state, table.kind, table.dueAt, table.confirmedAt),
    index("obligations_due").on(table.chatId, table.kind, table.dueAt),
    index("obligations_kind_state").on(table.chatId, table.kind, table.state, table.businessDaysLate),
    index("obligations_closed").on(table.chatId, table.closedAt),
    index("obligations_delivered").on(table.chatId, table.deliveredAt),
  ],
);

export const workPauses = pgTable(
  "work_pauses",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    startAt: int("start_at").notNull(),
    endAt: int("end_at").notNull(),
    causeObligationId: int("cause_obligation_id")
      .notNull()
      .references(() => obligations.id),
    createdBy: int("created_by").notNull(),
    createdAt: int("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("work_pauses_cause").on(table.causeObligationId),
    index("work_pauses_chat").on(table.chatId, table.startAt),
  ],
);

export const ratings = pgTable(
  "ratings",
  {
    id: int("id").primaryKey().generatedByDefaultAsIdentity(),
    chatId: int("chat_id")
      .notNull()
      .references(() => chats.id),
    userId: int("user_id").notNull(),
    source: text("source").notNull(),
    requestedAt: int("requested_at").notNull(),
    score: int("score"),
    ratedAt: int("rated_at"),
    comment: text("comment"),
    commentedAt: int("commented_at"),
    messageChatId: int("message_chat_id"),
    messageId: int("message_id"),
  },
  (table) => [
    uniqueIndex("ratings_source").on(table.chatId, table.source),
    index("ratings_chat").on(table.chatId, table.requestedAt),
  ],
);

import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Every update exactly as received, stored before Telegram is told it arrived. */
export const inboxUpdates = sqliteTable(
  "inbox_updates",
  {
    updateId: integer("update_id").primaryKey(),
    payload: text("payload").notNull(),
    receivedAt: integer("received_at").notNull(),
    state: text("state", { enum: ["pending", "done", "failed"] }).notNull().default("pending"),
    error: text("error"),
  },
  (table) => [index("inbox_updates_state").on(table.state, table.updateId)],
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
    role: text("role", { enum: ["specialist", "client"] }).notNull(),
    since: integer("since").notNull(),
    until: integer("until"),
  },
  (table) => [index("chat_roles_chat").on(table.chatId, table.role)],
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
    index("events_message").on(table.chatId, table.messageId),
  ],
);

/** One row per process start, with a heartbeat, so gaps in coverage can be shown. */
export const runs = sqliteTable("runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  startedAt: integer("started_at").notNull(),
  lastSeenAt: integer("last_seen_at").notNull(),
  stoppedAt: integer("stopped_at"),
  lastTelegramContactAt: integer("last_telegram_contact_at"),
});

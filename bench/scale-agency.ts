import type { Database } from "../src/db/database.js";
import { defaultRegulation } from "../src/domain/regulation/regulation.js";
import { DAY, HOUR } from "./scale-support.js";

/**
 * An agency's database: one specialist in `chats` client chats, each with a week of answered
 * questions, a question still waiting (its warning and breach jobs due at `DUE_AT`), one request
 * provided and one overdue (its overdue notice due at `DUE_AT` too), and the digest and daily
 * checkpoint scheduled days later. Written with raw inserts: the bot would take hours for 10,000 chats.
 */
export const SPECIALIST = { id: 500, first_name: "Marta" };
/** Monday 30 Nov 2026 12:00 in Madrid, inside contact hours. */
export const DUE_AT = Date.UTC(2026, 10, 30, 11, 0);
/** Jobs due per chat at `DUE_AT`: the waiting question's warning and breach, the request's overdue notice. */
export const DUE_JOBS_PER_CHAT = 3;

export function telegramChatIdOf(chat: number): number {
  return -1_001_000_000_000 - chat;
}

export function seedAgency(database: Database, chats: number): void {
  const { sqlite } = database;
  const since = DUE_AT - 60 * DAY;
  const weekAgo = DUE_AT - 7 * DAY;
  const insert = {
    chat: sqlite.prepare(
      "INSERT INTO chats (telegram_chat_id, type, title, language, created_at) VALUES (?, 'supergroup', ?, 'en', ?)",
    ),
    telegramId: sqlite.prepare("INSERT INTO chat_telegram_ids (telegram_chat_id, chat_id) VALUES (?, ?)"),
    regulation: sqlite.prepare(
      "INSERT INTO regulation_versions (chat_id, version, settings, changed_by, in_force_from) VALUES (?, 1, ?, ?, ?)",
    ),
    role: sqlite.prepare("INSERT INTO chat_roles (chat_id, user_id, role, since) VALUES (?, ?, ?, ?)"),
    person: sqlite.prepare("INSERT INTO people (chat_id, user_id, first_name, last_seen_at) VALUES (?, ?, ?, ?)"),
    window: sqlite.prepare(
      "INSERT INTO response_windows (chat_id, opened_at, opened_by_message_id, regulation_version, due_at, warn_at, state, answered_at, answered_by, business_minutes) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
    ),
    request: sqlite.prepare(
      "INSERT INTO obligations (chat_id, kind, number, description, created_by, created_at, due_at, state, closed_at, business_days_late) VALUES (?, 'request', ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    job: sqlite.prepare(
      "INSERT INTO jobs (kind, dedupe_key, chat_id, due_at, payload, judges_conduct) VALUES (?, ?, ?, ?, ?, ?)",
    ),
  };
  const regulation = JSON.stringify(defaultRegulation({ timezone: "Europe/Madrid", language: "en" }));
  sqlite.transaction(() => {
    for (let index = 1; index <= chats; index += 1) {
      const client = 600_000 + index;
      const chatId = Number(insert.chat.run(telegramChatIdOf(index), `Client ${index}`, since).lastInsertRowid);
      insert.telegramId.run(telegramChatIdOf(index), chatId);
      insert.regulation.run(chatId, regulation, SPECIALIST.id, since);
      insert.role.run(chatId, SPECIALIST.id, "specialist", since);
      insert.role.run(chatId, client, "client", since);
      insert.person.run(chatId, SPECIALIST.id, SPECIALIST.first_name, since);
      insert.person.run(chatId, client, "Iván", since);
      for (let question = 0; question < 20; question += 1) {
        const openedAt = weekAgo + Math.floor(question / 4) * DAY + (question % 4) * 2 * HOUR;
        const late = (index + question) % 7 === 0;
        const answeredAt = openedAt + (late ? 5 : 1) * HOUR;
        insert.window.run(
          chatId,
          openedAt,
          question + 1,
          openedAt + 2 * HOUR,
          openedAt + 90 * 60_000,
          late ? "breached" : "answered",
          answeredAt,
          SPECIALIST.id,
          late ? 300 : 60,
        );
      }
      const openedAt = DUE_AT - 2 * HOUR;
      const waiting = Number(
        insert.window.run(chatId, openedAt, 100, DUE_AT, DUE_AT - 30 * 60_000, "open", null, null, null)
          .lastInsertRowid,
      );
      insert.request.run(
        chatId,
        1,
        "Access to the ad account",
        SPECIALIST.id,
        weekAgo,
        weekAgo + DAY,
        "done",
        weekAgo + 2 * DAY,
        1,
      );
      const overdue = Number(
        insert.request.run(chatId, 2, "Brand book", SPECIALIST.id, weekAgo, DUE_AT - HOUR, "open", null, null)
          .lastInsertRowid,
      );
      const windowJob = JSON.stringify({ windowId: waiting });
      insert.job.run("window-warning", `window:${waiting}:warning`, chatId, DUE_AT - 30 * 60_000, windowJob, 1);
      insert.job.run("window-due", `window:${waiting}:due`, chatId, DUE_AT, windowJob, 1);
      insert.job.run(
        "request-overdue",
        `request:${overdue}:overdue`,
        chatId,
        DUE_AT - HOUR,
        JSON.stringify({ obligationId: overdue }),
        1,
      );
      insert.job.run("digest", `digest:${chatId}`, chatId, DUE_AT + 4 * DAY, "{}", 1);
      insert.job.run("daily-checkpoint", `checkpoint:${chatId}`, chatId, DUE_AT + DAY, "{}", 1);
    }
  })();
}

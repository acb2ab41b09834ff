import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sign } from "@telegram-apps/init-data-node";
import pino from "pino";
import { assembleBot } from "../src/bot/assemble-bot.js";
import { openDatabase, type Database } from "../src/db/database.js";
import { createRepositories } from "../src/db/repositories.js";
import { TELEGRAM_LIMITS } from "../src/delivery/rate-limits.js";
import { defaultRegulation } from "../src/domain/regulation/regulation.js";
import { startHttpServer } from "../src/http-server.js";
import { createWebApp } from "../src/webapp/webapp-server.js";

/**
 * The Mini App's API for a specialist with 200 chats, each with eight weeks of history (answered
 * and breached questions, requests, revisions, stages, calls, regulation changes, checkpoints),
 * over real HTTP with signed init data: the chat list and chat views, one request at a time.
 * Baseline: `/healthz` on the same server, so the ratio is the API's own cost.
 */
const CHATS = 200;
const REQUESTS = 300;
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 9, 11, 0);
const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SPECIALIST = 501;

export interface WebAppResult {
  chats: number;
  listP95Ms: number;
  viewP95Ms: number;
  healthP95Ms: number;
  listRatio: number;
  viewRatio: number;
}

export async function benchWebApp(): Promise<WebAppResult> {
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-webapp-"));
  const database = openDatabase(join(directory, "regbot.sqlite"));
  let server: Server | undefined;
  try {
    const chatIds = seedChats(database);
    const repositories = createRepositories(database.orm);
    const silent = pino({ level: "silent" });
    const { translate } = assembleBot(
      { token: TOKEN, defaultLanguage: "en", defaultTimezone: "Europe/Madrid", rateLimits: TELEGRAM_LIMITS },
      repositories,
      () => NOW,
      silent,
    );
    const webApp = createWebApp(
      {
        repositories,
        translate,
        defaultLanguage: "en",
        defaultTimezone: "Europe/Madrid",
        clock: () => NOW,
        logger: silent,
        token: TOKEN,
      },
      "/app",
    );
    server = await startHttpServer({
      port: 0,
      logger: silent,
      health: async () => ({ databaseReachable: true, lastTelegramContactAt: NOW }),
      webApp,
    });
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const headers = {
      authorization: `tma ${sign({ user: { id: SPECIALIST, first_name: "Marta", language_code: "es" } }, TOKEN, new Date(NOW))}`,
    };
    const timed = async (path: string, check: (body: unknown) => void) => {
      const started = performance.now();
      const response = await fetch(`${origin}${path}`, { headers });
      const body = await response.json();
      const elapsed = performance.now() - started;
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      check(body);
      return elapsed;
    };
    const listed = (body: unknown) => {
      const count = (body as { chats: unknown[] }).chats.length;
      if (count !== CHATS) throw new Error(`the chat list had ${count} chats of ${CHATS}`);
    };
    const viewed = (body: unknown) => {
      const { days } = (body as { answers: { days: unknown[] } }).answers;
      if (days.length === 0) throw new Error("a chat view without its answer chart");
    };
    const healthy = () => undefined;
    // Warm up: prepared statements, the JIT, the connection.
    for (let round = 0; round < 20; round += 1) {
      await timed("/app/api/chats", listed);
      await timed(`/app/api/chats/${chatIds[round % CHATS]}`, viewed);
      await timed("/healthz", healthy);
    }
    const list: number[] = [];
    const view: number[] = [];
    const health: number[] = [];
    for (let round = 0; round < REQUESTS; round += 1) {
      list.push(await timed("/app/api/chats", listed));
      view.push(await timed(`/app/api/chats/${chatIds[(round * 7) % CHATS]}`, viewed));
      health.push(await timed("/healthz", healthy));
    }
    const healthP95Ms = p95(health);
    return {
      chats: CHATS,
      listP95Ms: p95(list),
      viewP95Ms: p95(view),
      healthP95Ms,
      listRatio: p95(list) / healthP95Ms,
      viewRatio: p95(view) / healthP95Ms,
    };
  } finally {
    await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
    database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

/** Eight weeks of a busy client chat, two hundred times over, all the same specialist's. */
function seedChats(database: Database): number[] {
  const { sqlite } = database;
  const start = NOW - 8 * 7 * DAY;
  const insert = {
    chat: sqlite.prepare(
      "INSERT INTO chats (telegram_chat_id, type, title, language, created_at) VALUES (?, 'supergroup', ?, 'es', ?)",
    ),
    regulation: sqlite.prepare(
      "INSERT INTO regulation_versions (chat_id, version, settings, changed_by, in_force_from) VALUES (?, ?, ?, ?, ?)",
    ),
    role: sqlite.prepare("INSERT INTO chat_roles (chat_id, user_id, role, since) VALUES (?, ?, ?, ?)"),
    person: sqlite.prepare(
      "INSERT INTO people (chat_id, user_id, first_name, username, last_seen_at) VALUES (?, ?, ?, ?, ?)",
    ),
    window: sqlite.prepare(
      "INSERT INTO response_windows (chat_id, opened_at, opened_by_message_id, regulation_version, due_at, state, answered_at, answered_by, business_minutes, breached_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
    ),
    obligation: sqlite.prepare(
      "INSERT INTO obligations (chat_id, kind, number, description, created_by, created_at, due_at, state, closed_at, business_days_late, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    voice: sqlite.prepare(
      "INSERT INTO voice_messages (chat_id, message_id, sender_id, sent_at, duration, media_type, burst_message_id, nudged) VALUES (?, ?, ?, ?, 40, 'voice', ?, 1)",
    ),
    digest: sqlite.prepare(
      "INSERT INTO outbox (dedupe_key, chat_id, payload, state, next_attempt_at, created_at) VALUES (?, ?, ?, 'sent', ?, ?)",
    ),
    checkpoint: sqlite.prepare(
      "INSERT INTO events (chat_id, seq, source, kind, prev_hash, hash, line, received_at) VALUES (?, ?, ?, 'checkpoint', ?, ?, ?, ?)",
    ),
  };
  const chatIds: number[] = [];
  sqlite.transaction(() => {
    for (let index = 1; index <= CHATS; index += 1) {
      const client = 2_000_000 + index;
      const chatId = Number(
        insert.chat.run(-1_001_000_000_000 - index, `Client ${index}`, start - 30 * DAY).lastInsertRowid,
      );
      chatIds.push(chatId);
      const regulation = defaultRegulation({ timezone: "Europe/Madrid", language: "es" });
      insert.regulation.run(chatId, 1, JSON.stringify(regulation), SPECIALIST, start - 30 * DAY);
      insert.regulation.run(
        chatId,
        2,
        JSON.stringify({ ...regulation, response: { unit: "minutes", minutes: 180 } }),
        SPECIALIST,
        start,
      );
      insert.role.run(chatId, SPECIALIST, "specialist", start - 30 * DAY);
      insert.role.run(chatId, client, "client", start - 30 * DAY);
      insert.person.run(chatId, SPECIALIST, "Marta", "marta", NOW);
      insert.person.run(chatId, client, "Ivan", null, NOW);
      for (let day = 0; day < 56; day += 1) {
        if (day % 7 >= 5) continue;
        for (let question = 0; question < 4; question += 1) {
          const openedAt = start + day * DAY + (9 + question * 2) * HOUR;
          const breached = (index + day + question) % 9 === 0;
          const answeredAt = openedAt + (breached ? 5 : 1) * HOUR;
          insert.window.run(
            chatId,
            openedAt,
            day * 10 + question,
            openedAt + 3 * HOUR,
            breached ? "breached" : "answered",
            answeredAt,
            SPECIALIST,
            breached ? 300 : 60,
            breached ? openedAt + 3 * HOUR : null,
          );
        }
      }
      if (index % 3 === 0) insert.window.run(chatId, NOW - HOUR, 999, NOW + 2 * HOUR, "open", null, null, null, null);
      const obligation = (kind: string, number: number, what: string, dueAt: number, state: string) =>
        insert.obligation.run(
          chatId,
          kind,
          number,
          what,
          SPECIALIST,
          dueAt - 3 * DAY,
          dueAt,
          state,
          state === "done" ? dueAt : null,
          state === "done" ? 0 : null,
          kind === "call" ? dueAt - DAY : null,
        );
      for (let number = 1; number <= 6; number += 1)
        obligation("request", number, `Material ${number}`, start + number * 8 * DAY, number < 5 ? "done" : "open");
      for (let number = 1; number <= 4; number += 1)
        obligation("revision", number, `Edit ${number}`, start + number * 12 * DAY, number < 4 ? "done" : "open");
      for (let number = 1; number <= 5; number += 1)
        obligation("stage", number, `Stage ${number}`, start + number * 14 * DAY, number < 3 ? "done" : "open");
      for (let number = 1; number <= 3; number += 1)
        obligation("call", number, `Call ${number}`, NOW + (number - 2) * 2 * DAY, "open");
      insert.voice.run(chatId, 5000, client, NOW - 2 * DAY, 5000);
      for (let week = 1; week <= 8; week += 1) {
        const dueAt = start + week * 7 * DAY - 2 * DAY;
        insert.digest.run(
          `digest:${chatId}:${dueAt}`,
          chatId,
          JSON.stringify({ text: `Weekly digest for "Client ${index}"\n…` }),
          dueAt,
          dueAt,
        );
      }
      for (let seq = 1; seq <= 20; seq += 1) {
        const line = JSON.stringify({
          payload: { size: seq * 50, root: "ab".repeat(32), subtrees: [], messageKey: `checkpoint:${chatId}:${seq}` },
        });
        insert.checkpoint.run(
          chatId,
          seq,
          `checkpoint:${chatId}:${seq}`,
          "00".repeat(32),
          "11".repeat(32),
          line,
          start + seq * 2 * DAY,
        );
      }
    }
  })();
  return chatIds;
}

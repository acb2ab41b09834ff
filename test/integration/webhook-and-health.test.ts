import { request } from "node:http";
import Database from "better-sqlite3";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, client, group, message, specialist, withId } from "../support/updates.js";

const WEBHOOK_URL = "https://bot.example.com/telegram/hook";
const SECRET = "s3cret";
const WEBHOOK_ENV = { BOT_MODE: "webhook", WEBHOOK_URL, WEBHOOK_SECRET: SECRET, PORT: "0" };

let harness: Harness;
afterEach(async () => harness?.stop());

interface HttpAnswer {
  status: number;
  body: string;
}

/** One HTTP exchange with regbot's server, on a fresh connection (no keep-alive left behind). */
function http(
  method: "GET" | "POST",
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const port = harness.regbot.httpPort;
  if (port === undefined) throw new Error("regbot has no HTTP server");
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        agent: false,
        headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** Delivers an update the way Telegram does in webhook mode. */
function deliver(update: Update, secret: string | null = SECRET): Promise<HttpAnswer> {
  return http(
    "POST",
    "/telegram/hook",
    JSON.stringify(update),
    secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret },
  );
}

function inboxRow(updateId: number) {
  return harness.query<{ update_id: number; state: string; payload: string }>(
    "select * from inbox_updates where update_id = ?",
    updateId,
  )[0];
}

function count(table: "inbox_updates" | "events"): number {
  return harness.query<{ n: number }>(`select count(*) as n from ${table}`)[0]!.n;
}

const claimCommand = { entities: [{ type: "bot_command" as const, offset: 0, length: 6 }] };

describe("webhook mode", () => {
  it("registers the webhook with the secret and every update type it needs, keeping pending updates", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const calls = harness.telegram.callsTo("setWebhook");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.status).toBe(200);
    expect(calls[0]!.params).toMatchObject({ url: WEBHOOK_URL, secret_token: SECRET });
    expect(calls[0]!.params.drop_pending_updates).not.toBe(true);
    expect(calls[0]!.params.allowed_updates).toEqual(
      expect.arrayContaining(["message", "edited_message", "my_chat_member", "chat_member", "message_reaction"]),
    );
    expect(harness.telegram.webhook?.url).toBe(WEBHOOK_URL);
    expect(harness.telegram.callsTo("getUpdates")).toEqual([]);

    // Updates waiting at Telegram while regbot was down survive its next setWebhook.
    await harness.stopRegbot();
    harness.telegram.pushUpdate(message(group(), client, "sent while regbot was down"));
    await harness.startRegbot();
    expect(harness.telegram.callsTo("setWebhook")).toHaveLength(2);
    expect(harness.telegram.droppedUpdates).toEqual([]);
    expect(harness.telegram.pendingUpdates()).toBe(1);

    const health = await http("GET", "/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({
      status: "ok",
      database: "reachable",
      lastTelegramContactAt: expect.any(String),
    });
  });

  it("rejects a request without the right secret token and stores nothing", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const chat = group();
    const update = withId(5001, botAdded(chat, specialist, "administrator"));

    expect((await deliver(update, null)).status).toBe(401);
    expect((await deliver(update, "wrong")).status).toBe(401);
    expect((await deliver(update, `${SECRET}x`)).status).toBe(401);
    expect(count("inbox_updates")).toBe(0);
    expect(count("events")).toBe(0);
    expect(harness.telegram.callsTo("sendMessage")).toEqual([]);
  });

  it("answers Telegram only once the update is stored, then handles it", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const chat = group();
    const update = withId(5001, botAdded(chat, specialist, "administrator"));

    const answer = await deliver(update);
    expect(answer.status).toBe(200);
    // Durable before the 200: the row is there the moment Telegram hears back.
    expect(inboxRow(update.update_id)).toBeDefined();
    expect(JSON.parse(inboxRow(update.update_id)!.payload)).toEqual(update);

    const [intro] = await harness.telegram.waitFor(
      () => harness.telegram.sentTo(chat.id).length > 0 && harness.telegram.sentTo(chat.id),
    );
    expect(intro!.text).toContain("Soy regbot");
    await harness.telegram.waitFor(() => inboxRow(update.update_id)!.state === "done");
    expect(harness.query("select kind, source from events where kind = 'member'")).toEqual([
      { kind: "member", source: "update:5001" },
    ]);
  });

  it("does not acknowledge an update it could not store, so Telegram's retry gets it in", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const chat = group();
    const update = withId(5001, botAdded(chat, specialist, "administrator"));
    const database = new Database(harness.databasePath);
    try {
      database.exec(
        "create trigger refuse_inbox before insert on inbox_updates begin select raise(abort, 'disk trouble'); end",
      );
      const refused = await deliver(update);
      expect(refused.status).toBeGreaterThanOrEqual(500);
      expect(count("inbox_updates")).toBe(0);
      expect(count("events")).toBe(0);
      database.exec("drop trigger refuse_inbox");
    } finally {
      database.close();
    }
    expect((await deliver(update)).status).toBe(200);
    await harness.telegram.waitFor(() => inboxRow(update.update_id)?.state === "done");
    await settled(harness);
    // The introduction and the first checkpoint.
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(2);
    expect(count("inbox_updates")).toBe(1);
  });

  it("stores and handles an update Telegram delivers twice only once", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const chat = group();
    const update = withId(5001, botAdded(chat, specialist, "administrator"));

    // Telegram retries when an answer is late: the same update arrives twice at once, and once more later.
    const answers = await Promise.all([deliver(update), deliver(update)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await harness.telegram.waitFor(() => inboxRow(update.update_id)!.state === "done");
    expect((await deliver(update)).status).toBe(200);

    // Updates are handled one after another, so once a later one is answered the retries are behind us.
    const person = { id: client.id, type: "private" as const, first_name: client.first_name };
    harness.telegram.userStartedBot(client.id); // the fake learns of it from polled updates only
    const start = withId(
      5002,
      message(person, client, "/start", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
    );
    expect((await deliver(start)).status).toBe(200);
    await harness.telegram.waitFor(() => harness.telegram.sentTo(client.id).length === 1);
    await harness.telegram.waitFor(() => inboxRow(start.update_id)!.state === "done");
    await settled(harness);

    // The introduction and the first checkpoint, once each.
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(2);
    expect(count("inbox_updates")).toBe(2);
    expect(harness.query("select source from events where kind = 'member'")).toEqual([{ source: "update:5001" }]);
    expect(harness.query("select user_id from chat_roles")).toEqual([{ user_id: specialist.id }]);
  });

  it("takes a new update under an id Telegram used before (it renumbers after a week of silence) as new, and its redelivery as the same", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const chat = group();
    const command = (text: string) => ({
      entities: [{ type: "bot_command" as const, offset: 0, length: text.length }],
    });
    expect((await deliver(withId(5001, botAdded(chat, specialist, "administrator")))).status).toBe(200);
    expect((await deliver(withId(5002, message(chat, specialist, "/rules", command("/rules"))))).status).toBe(200);
    await settled(harness);
    const before = harness.telegram.sentTo(chat.id).length;
    // A week later Telegram's numbering starts over, here at an id regbot has already seen.
    const reused = withId(5002, message(chat, client, "/help", command("/help")));
    expect((await deliver(reused)).status).toBe(200);
    await harness.telegram.waitFor(() => harness.telegram.sentTo(chat.id).length === before + 1);
    expect((await deliver(reused)).status).toBe(200);
    expect((await deliver(withId(5003, message(chat, client, "Thanks")))).status).toBe(200);
    await harness.telegram.waitFor(
      () => harness.query("select state from inbox_updates where state = 'pending'").length === 0,
    );
    await settled(harness);

    // Answered once: the help, not a second copy of the rules.
    const answers = harness.telegram
      .sentTo(chat.id)
      .slice(before)
      .map((sent) => sent.text);
    expect(answers).toHaveLength(1);
    expect(answers[0]).not.toBe(harness.telegram.sentTo(chat.id)[before - 1]!.text);
    expect(
      harness.query(
        "select key, update_id, state from inbox_updates where update_id = 5002 order by received_at, key desc",
      ),
    ).toEqual([
      { key: 5002, update_id: 5002, state: "done" },
      { key: -1, update_id: 5002, state: "done" },
    ]);
    expect(harness.query("select source, text from events where kind = 'message' order by seq")).toEqual([
      { source: "update:5002", text: "/rules" },
      { source: "update:-1", text: "/help" },
      { source: "update:5003", text: "Thanks" },
    ]);
  });

  it("logs several updates posted in quick succession for one chat in update order", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const chat = group();
    const updates = [
      withId(5001, botAdded(chat, specialist, "administrator")),
      ...["one", "two", "three", "four", "five", "six"].map((text, index) =>
        withId(5002 + index, message(chat, index % 2 ? specialist : client, text)),
      ),
      withId(5008, message(chat, specialist, "/claim", claimCommand)),
    ];
    // Like Telegram: the next update is sent as soon as the previous one is acknowledged, not handled.
    for (const update of updates) expect((await deliver(update)).status).toBe(200);
    await harness.telegram.waitFor(
      () =>
        harness.query<{ n: number }>("select count(*) as n from inbox_updates where state = 'done'")[0]!.n ===
        updates.length,
    );
    await settled(harness);

    const logged = harness.query<{ source: string; text: string | null }>(
      "select source, text from events where kind in ('member', 'message') order by seq",
    );
    expect(logged.map((event) => event.source)).toEqual(updates.map((update) => `update:${update.update_id}`));
    expect(logged.slice(1).map((event) => event.text)).toEqual([
      "one",
      "two",
      "three",
      "four",
      "five",
      "six",
      "/claim",
    ]);
    // Handled in order too: the intro and the first checkpoint came before the answer to /claim.
    expect(harness.telegram.sentTo(chat.id).map((sent) => sent.text)).toEqual([
      expect.stringContaining("Soy regbot"),
      expect.stringMatching(/^Punto de control: /),
      "Este chat ya tiene especialista.",
    ]);
  });

  it("answers 400 to a body that is not JSON, 200 to JSON that is no update (logged, so Telegram does not resend it forever), 404 to other paths, storing nothing", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const headers = { "X-Telegram-Bot-Api-Secret-Token": SECRET };
    expect((await http("POST", "/telegram/hook", "{not json", headers)).status).toBe(400);
    for (const body of [{ message: { text: "no update_id" } }, null, [], 42, { update_id: "7" }]) {
      expect((await http("POST", "/telegram/hook", JSON.stringify(body), headers)).status).toBe(200);
    }
    expect(harness.logs.filter((line) => line.includes("webhook body is JSON but not an update"))).toHaveLength(5);
    expect(harness.logs.join("\n")).not.toContain("no update_id");
    const update = JSON.stringify(withId(5001, message(group(), client, "hello")));
    expect((await http("POST", "/telegram/other", update, headers)).status).toBe(404);
    expect((await http("POST", "/", update, headers)).status).toBe(404);
    expect((await http("GET", "/telegram/hook")).status).toBe(404);
    expect(count("inbox_updates")).toBe(0);
    expect(count("events")).toBe(0);
  });
});

describe("an update of a shape Telegram never sends", () => {
  it("is answered 200, kept raw for the record, and the updates after it are handled as usual", async () => {
    harness = await startHarness(WEBHOOK_ENV);
    const chat = group();
    expect((await deliver(withId(5001, botAdded(chat, specialist, "administrator")))).status).toBe(200);
    for (const [id, odd] of [
      [5002, { message: "not a message" }],
      [5003, { message: {} }],
      [5004, { message: { chat: null, date: 1 } }],
    ] as const) {
      expect((await deliver({ update_id: id, ...odd } as unknown as Update)).status).toBe(200);
    }
    expect((await deliver(withId(5005, message(chat, specialist, "/claim", claimCommand)))).status).toBe(200);
    await harness.telegram.waitFor(
      () => harness.query("select state from inbox_updates where state = 'pending'").length === 0,
    );
    await settled(harness);
    expect(
      harness.query("select update_id from inbox_updates where update_id between 5002 and 5004 order by update_id"),
    ).toEqual([{ update_id: 5002 }, { update_id: 5003 }, { update_id: 5004 }]);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe("Este chat ya tiene especialista.");
    expect(harness.logs.filter((line) => line.includes("an update of an unknown shape is kept raw"))).toHaveLength(3);
  });
});

describe("/healthz", () => {
  it("reports a reachable database and when Telegram was last reached, in polling mode", async () => {
    const before = Date.now();
    harness = await startHarness({ PORT: "0" });
    // The first long poll is still held open (1 s timeout, nothing queued): no contact yet.
    const early = await http("GET", "/healthz");
    expect(early.status).toBe(200);
    expect(JSON.parse(early.body)).toEqual({ status: "ok", database: "reachable", lastTelegramContactAt: null });

    harness.telegram.pushUpdate(message(group(), client, "wake up"));
    await settled(harness);
    const health = await http("GET", "/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toMatch(/^\{/);
    const report = JSON.parse(health.body) as { status: string; database: string; lastTelegramContactAt: string };
    expect(report).toEqual({
      status: "ok",
      database: "reachable",
      lastTelegramContactAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const contact = Date.parse(report.lastTelegramContactAt);
    expect(contact).toBeGreaterThanOrEqual(before);
    expect(contact).toBeLessThanOrEqual(Date.now());

    // Polling mode serves no webhook.
    expect((await http("POST", "/telegram/hook", "{}")).status).toBe(404);
  });
});

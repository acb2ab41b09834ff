import { afterEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { openDatabase } from "../../src/db/database.js";
import { verifyChain, type StoredLink } from "../../src/domain/evidence-chain.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { withoutCheckpoints } from "../support/checkpoints.js";
import { clientGroup } from "../support/client-group.js";
import { BOT_ID, botAdded, botStatusChanged, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

function chainOf(chatId: number): StoredLink[] {
  return harness.query<StoredLink>("select seq, line, hash from events where chat_id = ? order by seq", chatId);
}

type JobRow = { kind: string; dedupe_key: string; due_at: number; payload: string; state: string };

/** The scheduled work of the scenario's chats, in the order it was scheduled. */
function chatJobs(): JobRow[] {
  return harness.query<JobRow>(
    "select kind, dedupe_key, due_at, payload, state from jobs where chat_id is not null order by id",
  );
}

function chatRow(telegramChatId: number) {
  return harness.query<{ id: number; active: number; language: string; sees_all_messages: number }>(
    "select c.* from chats c join chat_telegram_ids t on t.chat_id = c.id where t.telegram_chat_id = ?",
    telegramChatId,
  )[0];
}

describe("regbot joining a client group", () => {
  it("introduces itself in the adder's language, discloses the recording and makes the adder the specialist", async () => {
    harness = await startHarness();
    const chat = group();
    harness.telegram.pushUpdate(botAdded(chat, specialist, "administrator"));
    const [intro] = await harness.telegram.waitFor(
      () => harness.telegram.sentTo(chat.id).length > 0 && harness.telegram.sentTo(chat.id),
    );
    expect(intro!.text).toContain("Soy regbot");
    expect(intro!.text).toContain("la correspondencia de este chat queda registrada como vinculante");
    expect(intro!.text).toContain("Me añadió Sofía Marketing (@sofia_smm)");
    await settled(harness);
    const row = chatRow(chat.id)!;
    expect(row).toMatchObject({ active: 1, language: "es", sees_all_messages: 1 });
    expect(harness.query("select user_id, role from chat_roles where chat_id = ?", row.id)).toEqual([
      { user_id: specialist.id, role: "specialist" },
    ]);
    // As an administrator it sees everything, so no privacy warning: the introduction and the first checkpoint.
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(2);
    expect(harness.telegram.sentTo(chat.id)[1]!.text).toMatch(/^Punto de control: 3 eventos registrados/);
  });

  it("warns plainly when it cannot see every message, records the gap, and notes when it is fixed", async () => {
    harness = await startHarness();
    const chat = group();
    harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "member"));
    await harness.telegram.waitFor(() => harness.telegram.sentTo(chat.id).length >= 2);
    expect(harness.telegram.sentTo(chat.id)[1]!.text).toContain("I cannot see all messages in this chat");
    await harness.telegram.waitFor(() => harness.telegram.sentTo(chat.id).length === 3);
    harness.telegram.pushUpdate(botStatusChanged(chat, specialist, "member", "administrator"));
    await harness.telegram.waitFor(() => harness.telegram.sentTo(chat.id).length === 4);
    expect(harness.telegram.sentTo(chat.id)[3]!.text).toContain("I can now see every message");
    await settled(harness);
    const coverage = harness.query<{ line: string }>("select line from events where kind = 'coverage' order by seq");
    expect(coverage.map((event) => JSON.parse(event.line).payload.complete)).toEqual([false, true]);
    expect(harness.query("select sees_all_messages from chats")).toEqual([{ sees_all_messages: 1 }]);
  });

  it("asks an administrator to /claim when it cannot tell who added it, and only an admin may", async () => {
    harness = await startHarness();
    const chat = group();
    const anonymousAdmin = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
    harness.telegram.pushUpdate(botAdded(chat, anonymousAdmin, "administrator"));
    // The introduction, then the first checkpoint.
    await harness.telegram.waitFor(() => harness.telegram.sentTo(chat.id).length === 2);
    expect(harness.telegram.sentTo(chat.id)[0]!.text).toContain(
      "A chat administrator who is the specialist can send /claim",
    );

    harness.telegram.pushUpdate(
      message(chat, client, "/claim", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
    );
    await harness.telegram.waitFor(() => harness.telegram.sentTo(chat.id).length === 3);
    expect(harness.telegram.sentTo(chat.id)[2]!.text).toContain(
      "Only a chat administrator who is not anonymous can claim",
    );

    harness.telegram.setChatMember(chat.id, { status: "administrator", user: specialist } as never);
    harness.telegram.pushUpdate(
      message(chat, specialist, "/claim", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
    );
    await harness.telegram.waitFor(() => harness.telegram.sentTo(chat.id).length === 4);
    expect(harness.telegram.sentTo(chat.id)[3]!.text).toBe(
      "Sofía Marketing (@sofia_smm) is now the specialist in this chat.",
    );

    harness.telegram.pushUpdate(
      message(chat, specialist, "/claim", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
    );
    await harness.telegram.waitFor(() => harness.telegram.sentTo(chat.id).length === 5);
    expect(harness.telegram.sentTo(chat.id)[4]!.text).toBe("This chat already has a specialist.");
  });

  it("keeps the whole history when removed, and marks the chat inactive", async () => {
    harness = await startHarness();
    const chat = group();
    harness.telegram.pushUpdates([botAdded(chat, specialist, "administrator"), message(chat, client, "Bye")]);
    await settled(harness);
    harness.telegram.pushUpdate(botStatusChanged(chat, specialist, "administrator", "kicked"));
    await settled(harness);
    const row = chatRow(chat.id)!;
    expect(row.active).toBe(0);
    const kinds = chainOf(row.id).map((event) => JSON.parse(event.line).kind);
    // The log is in order of arrival: "Bye" came in the same batch as regbot's joining, before its reply.
    expect(kinds).toEqual([
      "member",
      "message",
      "coverage",
      "roles",
      "checkpoint",
      "bot_message",
      "bot_message",
      "member",
    ]);
    expect(verifyChain(chainOf(row.id)).intact).toBe(true);
  });
});

describe("regbot removed and added back", () => {
  it("returns to the chat as it was: the client's admin who re-adds it gains nothing, and it says how long it was away", async () => {
    const chat = group();
    const scenario = clientGroup(chat, "Europe/Madrid");
    harness = await scenario.open("2026-12-03T09:00");
    const at = (update: ReturnType<typeof botAdded>) => ({
      my_chat_member: { ...update.my_chat_member!, date: Math.floor(scenario.now / 1000) },
    });
    scenario.setTime("2026-12-03T10:00");
    harness.telegram.pushUpdate(at(botStatusChanged(chat, client, "administrator", "kicked")));
    await settled(harness);
    scenario.setTime("2026-12-05T13:30");
    const before = harness.telegram.sentTo(chat.id).length;
    harness.telegram.pushUpdate(at(botAdded(chat, client, "administrator")));
    await settled(harness);
    expect(withoutCheckpoints(scenario.sentSince(before))).toEqual([
      "I am back: Ivan added me again. I was away from Thu 3 Dec 2026, 10:00 (Europe/Madrid) to Sat 5 Dec 2026, 13:30 (Europe/Madrid) (2 days, 3 hours, 30 minutes); messages written in that time are not in the record. Roles and the regulation are as they were.",
    ]);
    const roles = harness.query("select user_id, role from chat_roles where until is null order by id");
    expect(roles).toEqual([
      { user_id: specialist.id, role: "specialist" },
      { user_id: client.id, role: "client" },
    ]);
    expect(await scenario.write(client, "/unassign @sofia_smm")).toEqual([
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    ]);
    expect(await scenario.write(client, "/set response 1d")).toEqual([
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    ]);
    // The gap is part of the record, with regbot's return.
    const coverage = harness
      .query<{ line: string }>("select line from events where kind = 'coverage' order by seq")
      .map((row) => JSON.parse(row.line).payload);
    expect(coverage.at(-1)).toEqual({
      complete: true,
      reason: "reads_all_messages",
      absent: { from: Date.parse("2026-12-03T09:00:00Z"), to: Date.parse("2026-12-05T12:30:00Z") },
    });
  });

  it("finds the chat's reminders and digest as they were: what came due while away is said on return", async () => {
    const chat = group();
    const scenario = clientGroup(chat, "Europe/Madrid");
    harness = await scenario.open("2026-12-03T09:00");
    const at = (update: ReturnType<typeof botAdded>) => ({
      my_chat_member: { ...update.my_chat_member!, date: Math.floor(scenario.now / 1000) },
    });
    await scenario.write(specialist, "/set digest Mon 10:00");
    await scenario.write(specialist, "/request Access to the ad account");
    const scheduled = chatJobs();
    // Two reminders before Tue 8 Dec 19:00, the deadline itself, the digest, the month's rating and the daily checkpoint.
    expect(scheduled.map((job) => [job.kind, job.state])).toEqual([
      ["digest", "pending"],
      ["rating-monthly", "pending"],
      ["daily-checkpoint", "pending"],
      ["request-reminder", "pending"],
      ["request-reminder", "pending"],
      ["request-overdue", "pending"],
    ]);

    scenario.setTime("2026-12-03T10:00");
    harness.telegram.pushUpdate(at(botStatusChanged(chat, client, "administrator", "kicked")));
    await settled(harness);
    scenario.setTime("2026-12-09T12:00");
    expect(await scenario.tick(), "nothing is said in a chat regbot was removed from").toEqual([]);
    expect(
      chatJobs().map((job) => job.state),
      "all that came due while away (all but the month's rating): held, not run",
    ).toEqual(["held", "pending", "held", "held", "held", "held"]);

    scenario.setTime("2026-12-09T12:30");
    harness.telegram.pushUpdate(at(botAdded(chat, client, "administrator")));
    await settled(harness);
    // The one-off reminders as they were; the digest and checkpoints on their weekday and time again.
    const oneOff = (job: JobRow) => job.kind.startsWith("request-");
    expect(chatJobs().filter(oneOff)).toEqual(scheduled.filter(oneOff));
    expect(chatJobs().filter((job) => !oneOff(job))).toMatchObject([
      { kind: "digest", state: "pending", due_at: Date.parse("2026-12-14T09:00:00Z") },
      { kind: "rating-monthly", state: "pending", due_at: Date.parse("2027-01-01T10:00:00Z") },
      { kind: "daily-checkpoint", state: "pending" },
    ]);
    expect(await scenario.tick()).toEqual([
      "Reminder for Ivan: R1 (Access to the ad account) is due by Tue 8 Dec 2026, 19:00 (Europe/Madrid).",
      "Reminder for Ivan: R1 (Access to the ad account) is due by Tue 8 Dec 2026, 19:00 (Europe/Madrid).",
      "R1 (Access to the ad account) was due by Tue 8 Dec 2026, 19:00 (Europe/Madrid) and has not been provided. Under the regulation the specialist may pause the work until it arrives; the delay is being counted.",
    ]);
  });

  it("keeps the chat's reminders when it learns of the removal from a refused message", async () => {
    const chat = group();
    const scenario = clientGroup(chat, "Europe/Madrid");
    harness = await scenario.open("2026-12-03T09:00");
    await scenario.write(specialist, "/request Access to the ad account");
    const scheduled = chatJobs();
    harness.telegram.kickBotFrom(chat.id);
    await scenario.write(specialist, "/status");
    expect(harness.query("select active from chats")).toEqual([{ active: 0 }]);
    expect(chatJobs()).toEqual(scheduled);

    harness.telegram.setChatMember(chat.id, {
      status: "administrator",
      user: { id: BOT_ID, is_bot: true, first_name: "regbot" },
    } as never);
    harness.telegram.pushUpdate(botAdded(chat, client, "administrator"));
    await settled(harness);
    scenario.setTime("2026-12-08T10:00");
    expect(await scenario.tick()).toEqual([
      "Reminder for Ivan: R1 (Access to the ad account) is due by Tue 8 Dec 2026, 19:00 (Europe/Madrid).",
      "Reminder for Ivan: R1 (Access to the ad account) is due by Tue 8 Dec 2026, 19:00 (Europe/Madrid).",
    ]);
  });

  it("keeps speaking the regulation's language after a re-add by someone who speaks another", async () => {
    const chat = group();
    const scenario = clientGroup(chat, "Europe/Madrid");
    harness = await scenario.open("2026-12-03T09:00");
    harness.telegram.pushUpdate(botStatusChanged(chat, client, "administrator", "kicked"));
    await settled(harness);
    harness.telegram.pushUpdate(botAdded(chat, client, "administrator"));
    await settled(harness);
    expect(harness.query("select language from chats")).toEqual([{ language: "en" }]);
    const [rules] = await scenario.write(client, "/rules");
    const [status] = await scenario.write(client, "/status");
    expect(rules).toMatch(/^Regulation/);
    expect(status).toMatch(/^Status of/);
  });

  it("makes the adder the specialist when the chat has none, as /claim would", async () => {
    const chat = group();
    harness = await startHarness();
    harness.telegram.pushUpdate(
      botAdded(
        chat,
        { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" },
        "administrator",
      ),
    );
    await settled(harness);
    harness.telegram.pushUpdate(botStatusChanged(chat, specialist, "administrator", "kicked"));
    await settled(harness);
    harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
    await settled(harness);
    const notice = withoutCheckpoints(harness.telegram.sentTo(chat.id).map((sent) => sent.text!)).at(-1);
    expect(notice).toMatch(/^I am back: Sofía Marketing \(@sofia_smm\) added me again\./);
    expect(notice).toContain(
      "Sofía Marketing (@sofia_smm) added me, so Sofía Marketing (@sofia_smm) is the specialist here.",
    );
    expect(harness.query("select user_id, role from chat_roles where until is null")).toEqual([
      { user_id: specialist.id, role: "specialist" },
    ]);
  });
});

/**
 * As if regbot were killed while handling `update`, after storing what a join stores and just
 * before queueing what it says: the outbox refuses the words, and the update is left unhandled,
 * as a crash leaves it. Restarted, regbot handles it again.
 */
async function killedBeforeSpeaking(update: Omit<Update, "update_id">): Promise<void> {
  const sql = (statements: string[], updateId?: number) => {
    const database = openDatabase(harness.databasePath);
    for (const statement of statements)
      database.sqlite.prepare(statement).run(...(statement.includes("?") ? [updateId] : []));
    database.close();
  };
  await harness.stopRegbot();
  sql(["create trigger killed_before_speaking before insert on outbox begin select raise(abort, 'killed'); end"]);
  await harness.startRegbot();
  const pushed = harness.telegram.pushUpdate(update);
  await harness.telegram.waitFor(
    () =>
      harness.query("select 1 from inbox_updates where update_id = ? and state <> 'pending'", pushed.update_id).length >
      0,
  );
  await harness.stopRegbot();
  sql(
    [
      "drop trigger killed_before_speaking",
      "update inbox_updates set state = 'pending', error = null where update_id = ?",
    ],
    pushed.update_id,
  );
}

describe("a join handled again after a crash in the middle of it", () => {
  it("still introduces regbot when it was the very first join", async () => {
    harness = await startHarness();
    const chat = group();
    await killedBeforeSpeaking(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
    // Part of the join was stored: the chat's language and its specialist.
    expect(chatRow(chat.id)).toMatchObject({ language: "en" });
    expect(harness.query("select user_id, role from chat_roles where until is null")).toEqual([
      { user_id: specialist.id, role: "specialist" },
    ]);
    expect(harness.telegram.sentTo(chat.id)).toEqual([]);

    await harness.startRegbot();
    await settled(harness);
    const said = withoutCheckpoints(harness.telegram.sentTo(chat.id).map((sent) => sent.text!));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^Hello! I am regbot\./);
    expect(said[0]).toContain(
      "Sofía Marketing (@sofia_smm) added me, so Sofía Marketing (@sofia_smm) is the specialist here.",
    );
    expect(harness.query("select user_id, role from chat_roles where until is null")).toEqual([
      { user_id: specialist.id, role: "specialist" },
    ]);
  });

  it("still says how long regbot was away when it was a return", async () => {
    const chat = group();
    const scenario = clientGroup(chat, "Europe/Madrid");
    harness = await scenario.open("2026-12-03T09:00");
    const at = (update: ReturnType<typeof botAdded>) => ({
      my_chat_member: { ...update.my_chat_member!, date: Math.floor(scenario.now / 1000) },
    });
    scenario.setTime("2026-12-03T10:00");
    harness.telegram.pushUpdate(at(botStatusChanged(chat, client, "administrator", "kicked")));
    await settled(harness);
    scenario.setTime("2026-12-05T13:30");
    const before = harness.telegram.sentTo(chat.id).length;
    await killedBeforeSpeaking(at(botAdded(chat, client, "administrator")));
    expect(harness.query("select active, removed_at from chats")).toEqual([{ active: 1, removed_at: null }]);

    await harness.startRegbot();
    await settled(harness);
    expect(withoutCheckpoints(scenario.sentSince(before))).toEqual([
      "I am back: Ivan added me again. I was away from Thu 3 Dec 2026, 10:00 (Europe/Madrid) to Sat 5 Dec 2026, 13:30 (Europe/Madrid) (2 days, 3 hours, 30 minutes); messages written in that time are not in the record. Roles and the regulation are as they were.",
    ]);
  });
});

describe("the correspondence log of a running chat", () => {
  it("records messages, edits, replies in topics and regbot's own words in one verifiable chain", async () => {
    harness = await startHarness();
    const chat = { ...group(), is_forum: true as const };
    const question = message(chat, client, "Where are the <b>creatives</b> & the report?", {
      message_thread_id: 77,
      is_topic_message: true,
    });
    harness.telegram.pushUpdates([botAdded(chat, specialist, "administrator"), question]);
    await settled(harness);
    harness.telegram.pushUpdate({
      edited_message: { ...question.message!, text: "Where are the creatives?", edit_date: 1_790_000_500 },
    });
    harness.telegram.setChatMember(chat.id, { status: "administrator", user: specialist } as never);
    harness.telegram.pushUpdate(
      message(chat, specialist, "/claim", {
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
        message_thread_id: 77,
        is_topic_message: true,
      }),
    );
    await settled(harness);

    const reply = harness.telegram.sentTo(chat.id).at(-1)!;
    expect(reply.message_thread_id).toBe(77);
    const row = chatRow(chat.id)!;
    const events = harness.query<{
      kind: string;
      text: string | null;
      thread_id: number | null;
      sender_id: number | null;
    }>("select kind, text, thread_id, sender_id from events where chat_id = ? order by seq", row.id);
    expect(events).toEqual([
      { kind: "member", text: null, thread_id: null, sender_id: specialist.id },
      { kind: "message", text: "Where are the <b>creatives</b> & the report?", thread_id: 77, sender_id: client.id },
      { kind: "coverage", text: null, thread_id: null, sender_id: null },
      { kind: "roles", text: null, thread_id: null, sender_id: specialist.id },
      { kind: "checkpoint", text: null, thread_id: null, sender_id: null },
      { kind: "bot_message", text: expect.stringContaining("Soy regbot"), thread_id: null, sender_id: BOT_ID },
      { kind: "bot_message", text: expect.stringContaining("Punto de control"), thread_id: null, sender_id: BOT_ID },
      { kind: "edit", text: "Where are the creatives?", thread_id: 77, sender_id: client.id },
      { kind: "message", text: "/claim", thread_id: 77, sender_id: specialist.id },
      { kind: "bot_message", text: "Este chat ya tiene especialista.", thread_id: 77, sender_id: BOT_ID },
    ]);
    expect(verifyChain(chainOf(row.id))).toMatchObject({ intact: true, count: 10 });
  });

  it("records its own stops and starts in every active chat, and handles nothing twice across a restart", async () => {
    harness = await startHarness();
    const chat = group();
    harness.telegram.pushUpdates([botAdded(chat, specialist, "administrator"), message(chat, client, "one")]);
    await settled(harness);
    await harness.restart();
    harness.telegram.pushUpdate(message(chat, client, "two"));
    await settled(harness);
    const row = chatRow(chat.id)!;
    const lines = chainOf(row.id).map((event) => JSON.parse(event.line));
    expect(lines.map((line) => [line.kind, line.payload.event ?? line.payload.message?.text ?? null])).toEqual([
      ["member", null],
      ["message", "one"],
      ["coverage", null],
      ["roles", null],
      ["checkpoint", null],
      ["bot_message", null],
      ["bot_message", null],
      ["lifecycle", "stop"],
      ["lifecycle", "start"],
      ["message", "two"],
    ]);
    expect(lines[8].payload.previousRun).toMatchObject({ stoppedCleanly: true });
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(2);
  });

  it("never writes the token or message text into logs at info level", async () => {
    harness = await startHarness();
    const chat = group();
    harness.telegram.pushUpdates([
      botAdded(chat, specialist, "administrator"),
      message(chat, client, "Confidential budget: 12 000 EUR"),
    ]);
    await settled(harness);
    await harness.restart();
    const logs = harness.logs.join("");
    expect(logs).toContain("regbot started");
    expect(logs).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    expect(logs).not.toContain("Confidential budget");
  });
});

describe("a private chat with regbot", () => {
  it("explains what regbot is on /start, and says so when a deep link is unknown", async () => {
    harness = await startHarness();
    const person = { id: client.id, type: "private" as const, first_name: client.first_name };
    harness.telegram.pushUpdate(
      message(person, client, "/start", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
    );
    await harness.telegram.waitFor(() => harness.telegram.sentTo(client.id).length === 1);
    expect(harness.telegram.sentTo(client.id)[0]!.text).toContain("Я regbot");
    harness.telegram.pushUpdate(
      message(person, client, "/start gone-42", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
    );
    await harness.telegram.waitFor(() => harness.telegram.sentTo(client.id).length === 2);
    expect(harness.telegram.sentTo(client.id)[1]!.text).toMatch(/^Эта ссылка больше не действует/);
    expect(harness.query("select count(*) as n from events")).toEqual([{ n: 0 }]);
  });
});

import { spawnSync } from "node:child_process";
import type { Chat, User } from "grammy/types";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, bystander, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const acme = group();
let now = 0;
const setTime = (iso: string) => (now = DateTime.fromISO(iso, { zone }).toMillis());

type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

function newIn(chatId: number, since: number): string[] {
  return harness.telegram
    .sentTo(chatId)
    .slice(since)
    .map((sent) => sent.text!);
}

function commandEntities(text: string) {
  return text.startsWith("/")
    ? { entities: [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }] }
    : {};
}

async function write(chat: Chat, from: User, text: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const before = harness.telegram.sentTo(chat.id).length;
  harness.telegram.pushUpdate(
    message(chat, from, text, { date: Math.floor(now / 1000), ...commandEntities(text), ...extra }),
  );
  await settled(harness);
  return newIn(chat.id, before);
}

/** Someone whose Telegram app speaks English writes to regbot privately; waits for its answer. */
async function inPrivate(person: User, text: string): Promise<Array<{ text: string; reply_markup?: unknown }>> {
  const user = { ...person, language_code: "en" };
  const before = harness.telegram.sentTo(user.id).length;
  harness.telegram.pushUpdate(
    message({ id: user.id, type: "private", first_name: user.first_name }, user, text, {
      date: Math.floor(now / 1000),
      ...commandEntities(text),
    }),
  );
  await harness.telegram.waitFor(() => harness.telegram.sentTo(user.id).length > before);
  return harness.telegram.sentTo(user.id).slice(before) as Array<{ text: string; reply_markup?: unknown }>;
}

async function press(from: User, data: string, onMessage: unknown): Promise<{ text?: string; show_alert?: boolean }> {
  const before = harness.telegram.callbackAnswers.length;
  harness.telegram.pushUpdate({
    callback_query: { id: `cb-${Math.random()}`, from, chat_instance: "ci", data, message: onMessage as never },
  });
  await harness.telegram.waitFor(() => harness.telegram.callbackAnswers.length > before);
  await settled(harness);
  return harness.telegram.callbackAnswers.at(-1)!;
}

/** Runs the scheduler as its tick would at the current (fake) time; what it posted in the chat. */
async function tick(chat: Chat = acme): Promise<string[]> {
  const before = harness.telegram.sentTo(chat.id).length;
  await harness.regbot.scheduler.tick();
  await settled(harness);
  return newIn(chat.id, before);
}

/** regbot joins a Madrid chat (Mon–Fri 10–19, answer in 2h) added by `by`, with `contact` confirmed as the client. */
async function joinChat(chat: Chat, by: User = specialist, contact: User | null = client): Promise<void> {
  harness.telegram.pushUpdate(botAdded(chat, { ...by, language_code: "en" }, "administrator"));
  await settled(harness);
  if (contact === null) return;
  await write(chat, by, "/client", { reply_to_message: { message_id: 1, date: 1, chat, from: contact, text: "hi" } });
  const nomination = harness.telegram.sentTo(chat.id).at(-1)!;
  await press(contact, (nomination.reply_markup as Keyboard).inline_keyboard[0]![0]!.callback_data, nomination);
}

async function start(iso = "2026-12-02T09:00"): Promise<void> {
  setTime(iso);
  harness = await startHarness({ DEFAULT_TIMEZONE: zone }, {}, { clock: () => now });
}

/** Wednesday: one question answered on time (60 business minutes), one answered late (180). */
async function wednesdayHistory(chat: Chat = acme): Promise<void> {
  setTime("2026-12-02T11:00");
  await write(chat, client, "Where is the report for November?");
  setTime("2026-12-02T12:00");
  await write(chat, specialist, "Sending it in an hour.");
  setTime("2026-12-02T14:00");
  await write(chat, client, "Can we change the targeting to Valencia?");
  setTime("2026-12-02T16:01");
  await tick(chat);
  setTime("2026-12-02T17:00");
  await write(chat, specialist, "Done, targeting changed.");
}

describe("/status", () => {
  it("sums up the open question, the week's answers, the next digest and who is who, in the chat's language", async () => {
    await start();
    await joinChat(acme);
    await wednesdayHistory();
    setTime("2026-12-03T10:30");
    await write(acme, client, "And the invoice?");
    setTime("2026-12-03T11:00");
    expect(await write(acme, bystander, "/status")).toEqual([
      [
        `Status of "Acme × Sofía", Thu 3 Dec 2026, 11:00 (Europe/Madrid)`,
        "Waiting for an answer: the client wrote Thu 3 Dec 2026, 10:30 (Europe/Madrid); the answer is due by Thu 3 Dec 2026, 12:30 (Europe/Madrid).",
        "Since Thu 26 Nov 2026, 11:00 (Europe/Madrid): 3 questions, 1 answered on time, 1 late or unanswered.",
        "Median answer time: 60 business minutes.",
        "Next digest: Fri 4 Dec 2026, 17:00 (Europe/Madrid).",
        "Specialists: Sofía Marketing (@sofia_smm)",
        "Client contact: Ivan",
      ].join("\n"),
    ]);
    await write(acme, specialist, "/set language ru");
    const [russian] = await write(acme, client, "/status");
    expect(russian).toContain("Статус «Acme × Sofía»");
    expect(russian).toContain("3 вопроса, 1 отвечен вовремя, 1 с опозданием или без ответа.");
    expect(russian).toContain("Медианное время ответа: 60 рабочих минут.");
    expect(russian).toContain("Контакт клиента: Ivan");
  });

  it("leaves out what there is nothing to say about", async () => {
    await start();
    await joinChat(acme, specialist, null);
    await write(acme, specialist, "/set digest off");
    expect(await write(acme, specialist, "/status")).toEqual([
      `Status of "Acme × Sofía", Wed 2 Dec 2026, 09:00 (Europe/Madrid)\nSpecialists: Sofía Marketing (@sofia_smm)`,
    ]);
  });
});

describe("the weekly digest", () => {
  it("is posted on Friday at 17:00 Madrid time, and both sides acknowledge it with its button", async () => {
    await start();
    await joinChat(acme);
    await wednesdayHistory();
    setTime("2026-12-04T16:59");
    // Only Wednesday's daily checkpoint, late: nobody ticked since.
    expect(await tick()).toEqual([expect.stringMatching(/^Checkpoint: /)]);
    setTime("2026-12-04T17:00");
    expect(await tick()).toEqual([
      [
        `Weekly digest for "Acme × Sofía"`,
        "Since Fri 27 Nov 2026, 17:00 (Europe/Madrid): 2 questions, 1 answered on time, 1 late or unanswered.",
        "Median answer time: 60 business minutes.",
        "Median answer time per day; five blocks are the agreed 120 business minutes:",
        "Wed 2 ██▌ 60 min",
        "The specialist and the client contact can acknowledge this digest with the button.",
      ].join("\n"),
    ]);
    const digest = harness.telegram.sentTo(acme.id).at(-1)!;
    const button = (digest.reply_markup as Keyboard).inline_keyboard[0]![0]!;
    expect(button.text).toBe("Acknowledge");
    expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
    expect(await press(client, button.callback_data, digest)).toMatchObject({
      text: "Thank you, Ivan: your acknowledgement is recorded.",
    });
    expect(await press(client, button.callback_data, digest)).toMatchObject({
      text: "Your acknowledgement of this digest is already recorded.",
    });
    expect(await press(specialist, button.callback_data, digest)).toMatchObject({
      text: "Thank you, Sofía Marketing (@sofia_smm): your acknowledgement is recorded.",
    });
    expect(await press(bystander, button.callback_data, digest)).toMatchObject({
      show_alert: true,
      text: "Only the specialists and the client contact acknowledge the digest.",
    });
    const acknowledged = harness
      .query<{ line: string }>(
        "select line from events where kind = 'action' and line like '%digest-acknowledged%' order by seq",
      )
      .map((row) => JSON.parse(row.line).payload);
    expect(acknowledged).toEqual([
      expect.objectContaining({ by: client.id, role: "client" }),
      expect.objectContaining({ by: specialist.id, role: "specialist" }),
    ]);
    setTime("2026-12-04T17:05");
    expect(await tick()).toEqual([]);
    const [job] = harness.query<{ due_at: number }>("select due_at from jobs where kind = 'digest'");
    expect(DateTime.fromMillis(job!.due_at, { zone }).toISO()).toBe("2026-12-11T17:00:00.000+01:00");
  });

  it("reports in the chat's language what was settled, the client's record and the answer times per day", async () => {
    await start("2026-11-30T09:00");
    await joinChat(acme);
    await write(acme, specialist, "/set info_deadline 1d");
    await write(acme, specialist, "/set language ru");
    setTime("2026-11-30T10:00");
    await write(acme, specialist, "/request Доступ к рекламному кабинету");
    await write(acme, specialist, "/request Логотип в векторе");
    setTime("2026-11-30T15:00");
    await write(acme, client, "/provided R2");
    setTime("2026-12-03T11:00");
    await write(acme, client, "/provided R1");
    await wednesdayHistory();
    setTime("2026-12-04T17:00");
    const [digest] = await tick();
    expect(digest).toContain(
      [
        "Медианное время ответа по дням; пять блоков — согласованное время ответа (120 рабочих минут):",
        "ср 2 ██▌ 60 мин",
        "Выполнено за период:",
        "R2 (Логотип в векторе) предоставлено вовремя.",
        "R1 (Доступ к рекламному кабинету) предоставлено с опозданием на 2 рабочих дня.",
        "Со стороны клиента: предоставлено 2 запроса, из них вовремя — 1 запрос, с опозданием — 1 запрос; работа ждала клиента 2 рабочих дня.",
      ].join("\n"),
    );
  });

  it("missed during a downtime, is posted once on return and covers everything since the last one", async () => {
    await start();
    await joinChat(acme);
    setTime("2026-12-04T17:00");
    await tick();
    setTime("2026-12-07T11:00");
    await write(acme, client, "Any news on the Christmas campaign?");
    setTime("2026-12-07T11:30");
    await write(acme, specialist, "Drafts by Wednesday.");
    setTime("2026-12-11T12:00");
    await harness.stopRegbot();
    setTime("2026-12-22T10:00");
    const before = harness.telegram.sentTo(acme.id).length;
    await harness.startRegbot();
    await settled(harness);
    // It judges conduct, so it runs once the updates of the downtime are handled.
    await tick();
    await harness.telegram.waitFor(() => harness.telegram.sentTo(acme.id).length > before + 1);
    await settled(harness);
    // The daily checkpoint missed during the downtime comes first, once.
    const [checkpoint, ...posted] = newIn(acme.id, before);
    expect(checkpoint).toMatch(/^Checkpoint: /);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain(
      "Since Fri 4 Dec 2026, 17:00 (Europe/Madrid): 1 question, 1 answered on time, 0 late or unanswered.",
    );
    expect(await tick()).toEqual([]);
    const [job] = harness.query<{ due_at: number; state: string }>(
      "select due_at, state from jobs where kind = 'digest'",
    );
    expect(job!.state).toBe("pending");
    expect(DateTime.fromMillis(job!.due_at, { zone }).toISO()).toBe("2026-12-25T17:00:00.000+01:00");
  });

  it("is scheduled on start for a chat that has none (one that existed before digests)", async () => {
    await start();
    await joinChat(acme);
    await harness.stopRegbot();
    const database = openDatabase(harness.databasePath);
    database.sqlite.prepare("delete from jobs where kind = 'digest'").run();
    database.close();
    setTime("2026-12-05T10:00");
    await harness.startRegbot();
    await harness.restart();
    const jobs = harness.query<{ due_at: number }>(
      "select due_at from jobs where kind = 'digest' and state = 'pending'",
    );
    expect(jobs.map((job) => DateTime.fromMillis(job.due_at, { zone }).toISO())).toEqual([
      "2026-12-11T17:00:00.000+01:00",
    ]);
  });

  it("follows the digest setting, and /digest produces it on demand", async () => {
    await start();
    await joinChat(acme);
    await write(acme, specialist, "/set digest Mon 09:30");
    const [job] = harness.query<{ due_at: number }>(
      "select due_at from jobs where kind = 'digest' and state = 'pending'",
    );
    expect(DateTime.fromMillis(job!.due_at, { zone }).toISO()).toBe("2026-12-07T09:30:00.000+01:00");
    await write(acme, specialist, "/set digest off");
    expect(harness.query("select count(*) as n from jobs where kind = 'digest' and state = 'pending'")).toEqual([
      { n: 0 },
    ]);
    const [onDemand] = await write(acme, client, "/digest");
    expect(onDemand).toMatch(
      /^Weekly digest for "Acme × Sofía"\nSince Wed 25 Nov 2026, 09:00 \(Europe\/Madrid\) no question waited for an answer\./,
    );
  });
});

describe("a digest acknowledgement", () => {
  it("is recorded only for a digest actually posted, on the message that carries it", async () => {
    await start();
    await joinChat(acme);
    const [posted] = await write(acme, client, "/digest");
    expect(posted).toMatch(/^Weekly digest for/);
    const digest = harness.telegram.sentTo(acme.id).at(-1)!;
    const real = (digest.reply_markup as Keyboard).inline_keyboard[0]![0]!.callback_data;
    const chatKey = real.split(":")[1];
    const neverSent = [`dg:${chatKey}:w1796000000`, `dg:${chatKey}:u987654`];
    for (const forged of neverSent) {
      expect(await press(client, forged, digest)).toMatchObject({
        show_alert: true,
        text: "This digest was never posted in this chat, so there is nothing to acknowledge.",
      });
    }
    // The real digest's button, but pressed on another message of the chat.
    const other = harness.telegram.sentTo(acme.id).at(-2)!;
    expect(await press(specialist, real, other)).toMatchObject({
      show_alert: true,
      text: "This digest was never posted in this chat, so there is nothing to acknowledge.",
    });
    expect(harness.query("select count(*) as n from events where line like '%digest-acknowledged%'")).toEqual([
      { n: 0 },
    ]);
    expect(await press(client, real, digest)).toMatchObject({
      text: "Thank you, Ivan: your acknowledgement is recorded.",
    });
    expect(harness.query("select count(*) as n from events where line like '%digest-acknowledged%'")).toEqual([
      { n: 1 },
    ]);
  });
});

describe("/chats in a private chat", () => {
  it("lists only the person's own chats, what needs attention first, and shows one's status on a tap", async () => {
    const beta = group(-1002222222222, "Beta");
    const gamma = group(-1003333333333, "Gamma");
    const delta = group(-1004444444444, "Delta");
    const echo = group(-1005555555555, "Echo");
    await start();
    for (const user of [specialist, client, bystander]) harness.telegram.userStartedBot(user.id);
    await joinChat(acme);
    await joinChat(beta);
    await joinChat(gamma);
    await joinChat(delta, bystander, null);
    await joinChat(echo, specialist, null);
    setTime("2026-12-02T10:00");
    await write(acme, client, "Report?");
    setTime("2026-12-02T11:00");
    await write(beta, client, "Budget?");
    setTime("2026-12-02T13:00");
    await write(acme, specialist, "Here it is.");
    setTime("2026-12-02T13:30");
    await write(gamma, client, "Banner sizes?");
    setTime("2026-12-02T14:00");

    const [list] = await inPrivate(specialist, "/chats");
    expect(list!.text).toBe("Your chats, what needs attention first. Tap one to see its status.");
    const buttons = (list!.reply_markup as Keyboard).inline_keyboard.map((row) => row[0]!);
    expect(buttons.map((button) => button.text)).toEqual([
      "Beta · 1 late",
      "Acme × Sofía · 1 late",
      "Gamma · waiting for an answer",
      "Echo",
    ]);

    const [clientList] = await inPrivate(client, "/chats");
    expect((clientList!.reply_markup as Keyboard).inline_keyboard.map((row) => row[0]!.text)).toEqual([
      "Beta · 1 late",
      "Acme × Sofía · 1 late",
      "Gamma · waiting for an answer",
    ]);
    const [bystanderList] = await inPrivate(bystander, "/chats");
    expect((bystanderList!.reply_markup as Keyboard).inline_keyboard.map((row) => row[0]!.text)).toEqual(["Delta"]);

    const before = harness.telegram.sentTo(specialist.id).length;
    expect(await press({ ...specialist, language_code: "en" }, buttons[0]!.callback_data, list)).not.toHaveProperty(
      "show_alert",
    );
    await harness.telegram.waitFor(() => harness.telegram.sentTo(specialist.id).length > before);
    expect(harness.telegram.sentTo(specialist.id).at(-1)!.text).toMatch(
      /^Status of "Beta", Wed 2 Dec 2026, 14:00 \(Europe\/Madrid\)\nOverdue: the client wrote Wed 2 Dec 2026, 11:00/,
    );

    expect(await press(bystander, buttons[1]!.callback_data, bystanderList)).toMatchObject({
      show_alert: true,
      text: "That chat is not one of yours, so its status is not shown.",
    });
    expect((await inPrivate({ ...client, id: 999, first_name: "Stranger" }, "/chats"))[0]!.text).toMatch(
      /^You do not follow any chat with regbot/,
    );
  });
});

describe("npm run report", () => {
  it("prints a chat's answers in a period as text, JSON and CSV, guarding CSV cells against formulas", async () => {
    const tricky = group(-1006666666666, '=HYPERLINK("x"), Acme');
    await start();
    await joinChat(tricky);
    await wednesdayHistory(tricky);
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          "dist/src/cli/report.js",
          "--database",
          harness.databasePath,
          `--chat=${tricky.id}`,
          "--from",
          "2026-12-01",
          "--to",
          "2026-12-06",
          ...args,
        ],
        {
          encoding: "utf8",
          env: { ...process.env, DEFAULT_TIMEZONE: zone },
        },
      );

    const text = run("--format", "text");
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      "questions 2, answered on time 1, breached 1, open 0, no answer needed 0, escalated to the manager 0",
    );
    expect(text.stdout).toContain("median answer 60 business minutes, 90th percentile 180");

    const json = run("--format", "json");
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        title: tricky.title,
        from: "2026-12-01T00:00:00+01:00",
        to: "2026-12-07T00:00:00+01:00",
        opened: 2,
        answeredOnTime: 1,
        breached: 1,
        dismissed: 0,
        escalated: 0,
        medianBusinessMinutes: 60,
      }),
    ]);

    const csv = run("--format", "csv").stdout.trim().split("\n");
    expect(csv[0]).toBe(
      "chatId,telegramChatId,title,timezone,from,to,opened,answeredOnTime,breached,open,dismissed,escalated,medianBusinessMinutes,p90BusinessMinutes,stagesPenalised,penaltyPercent,penaltyAmount,penaltyCurrency,paidAt,workStartsAt,missedCallsClient,missedCallsSpecialist,pauses,pausedUntil,contractLastDay,contractEnded,unprovidedAtEnd,ratings,ratingAverage,lowRatings",
    );
    expect(csv[1]).toContain(`,"'=HYPERLINK(""x""), Acme",Europe/Madrid,`);

    const wrong = run("--format", "xml");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("usage: npm run report");
  }, 60_000); // four runs of the real CLI, each a process start
});

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, Update, User } from "grammy/types";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { pressButton, pressFirstButton } from "../support/buttons.js";
import { clientGroup, commandEntities } from "../support/client-group.js";
import { settled } from "../support/harness.js";
import { bystander, client, group, message, specialist } from "../support/updates.js";

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, tick, lastSent } = scenario;
afterEach(async () => scenario.harness?.stop().catch(() => undefined));

const marta: User = { id: 901, is_bot: false, first_name: "Marta", username: "marta_lead", language_code: "en" };
const ask = "How would you rate the work";
const scale = "Tap 1 (poor) to 5 (excellent); you can add a comment after.";

/** What regbot said to someone privately since `before` messages. */
function privately(user: User, before = 0): string[] {
  return scenario.harness.telegram
    .sentTo(user.id)
    .slice(before)
    .map((sent) => sent.text!);
}

/** `user` writes to regbot in private at the scenario's time; what regbot answered there. */
async function inPrivate(user: User, text: string): Promise<string[]> {
  const before = scenario.harness.telegram.sentTo(user.id).length;
  scenario.harness.telegram.pushUpdate(
    message({ id: user.id, type: "private", first_name: user.first_name }, user, text, {
      date: Math.floor(scenario.now / 1000),
      ...commandEntities(text),
    }),
  );
  await settled(scenario.harness);
  return privately(user, before);
}

function press(message: Message, from: User, label: string, id = `press-${from.id}-${message.message_id}-${label}`) {
  const keyboard = (message.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] })
    .inline_keyboard;
  const data = keyboard.flat().find((button) => button.text === label)!.callback_data;
  return scenario.harness.telegram.pushUpdate({
    callback_query: { id, from, chat_instance: "ci", data, message: message as never },
  });
}

const ratings = () =>
  scenario.harness.query<{ source: string; user_id: number; score: number | null; comment: string | null }>(
    "select source, user_id, score, comment from ratings order by id",
  );
const ratingEvents = () =>
  scenario.harness
    .query<{ line: string }>("select line from events where kind = 'rating' order by seq")
    .map((row) => JSON.parse(row.line).payload as Record<string, unknown>);
const lastAnswer = () => scenario.harness.telegram.callbackAnswers.at(-1);
const current = (sent: Message) => scenario.harness.telegram.currentMessage(sent.chat.id, sent.message_id)!;
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();

/** The chat with Marta as its manager; Sofía and Marta have started regbot privately, Ivan (the client) has not. */
async function managedChat(): Promise<void> {
  await scenario.open("2026-12-02T09:00");
  scenario.harness.telegram.userStartedBot(specialist.id);
  await inPrivate(marta, "/start");
  await write(marta, "Hello everyone");
  await write(specialist, "/manager @marta_lead", {
    entities: [
      { type: "bot_command", offset: 0, length: 8 },
      { type: "mention", offset: 9, length: 11 },
    ],
  });
  await pressFirstButton(scenario.harness, lastSent(), marta);
}

async function acceptedRevision(): Promise<string[]> {
  setTime("2026-12-07T11:00");
  await write(client, "/revision Replace the photo in the second post");
  setTime("2026-12-08T12:00");
  await write(specialist, "/delivered V1");
  setTime("2026-12-08T15:00");
  return write(client, "/accept V1");
}

describe("the client's rating", () => {
  it("is asked in the group after an accepted revision; a low one reaches the specialists and the manager at once, with the comment replied to it", async () => {
    await managedChat();
    expect(await acceptedRevision()).toEqual([
      "V1 (Replace the photo in the second post) accepted by Ivan. Thank you!",
      `Ivan, V1 (Replace the photo in the second post) is accepted. ${ask} on it?\n${scale}`,
    ]);
    const asked = lastSent();
    expect(asked.entities).toMatchObject([{ type: "text_mention", offset: 0, length: 4, user: { id: client.id } }]);
    expect(
      (asked.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text),
    ).toEqual(["1", "2", "3", "4", "5"]);

    await pressButton(scenario.harness, asked, bystander, "5");
    expect(lastAnswer()).toMatchObject({
      show_alert: true,
      text: "Only Ivan, the client's contact, rates the work here. Thank you for understanding!",
    });
    expect(ratings()).toMatchObject([{ score: null }]);

    const [sofiaBefore, martaBefore] = [privately(specialist).length, privately(marta).length];
    setTime("2026-12-08T15:10");
    await pressButton(scenario.harness, asked, client, "2");
    expect(lastAnswer()).toMatchObject({ text: "Thank you!" });
    expect(current(asked).text).toBe(
      "Ivan rated the work 2 of 5. Thank you!\nIvan, to add a comment, reply to this message.",
    );
    expect(current(asked).reply_markup).toBeUndefined();
    const low =
      'Low rating in "Acme × Sofía": Ivan rated the work 2 of 5 (after V1 (Replace the photo in the second post) was accepted). A word with the client may help.';
    expect(privately(specialist, sofiaBefore)).toEqual([low]);
    expect(privately(marta, martaBefore)).toEqual([low]);

    await pressButton(scenario.harness, asked, client, "5");
    expect(lastAnswer()).toMatchObject({
      show_alert: true,
      text: "Your rating, 2 of 5, is already recorded. Thank you!",
    });

    setTime("2026-12-08T15:20");
    const comment = "The photo was right, but it took three reminders";
    expect(await write(client, comment, { reply_to_message: current(asked) })).toEqual([
      "Thank you, Ivan: your comment is recorded.",
    ]);
    expect(await write(client, "And one more thing", { reply_to_message: current(asked) })).toEqual([]);
    const told = `Ivan commented on their rating of 2 of 5 in "Acme × Sofía": ${comment}`;
    expect(privately(specialist, sofiaBefore)).toEqual([low, told]);
    expect(privately(marta, martaBefore)).toEqual([low, told]);

    const [status] = await write(specialist, "/status");
    expect(status).toContain("The client's latest rating: 2 of 5, Tue 8 Dec 2026, 15:10 (Europe/Madrid).");
    expect(status).toContain(`The client's comment: ${comment}`);
    expect(ratings()).toEqual([
      { source: expect.stringMatching(/^revision:\d+$/), user_id: client.id, score: 2, comment },
    ]);
    expect(ratingEvents()).toEqual([
      { event: "requested", ratingId: 1, occasion: ratings()[0]!.source, client: client.id },
      { event: "rated", ratingId: 1, score: 2, by: client.id },
      { event: "commented", ratingId: 1, comment, by: client.id },
    ]);
  }, 60_000);

  it("tells a specialist who never started regbot in the group, discreetly, and shows the low rating behind the link", async () => {
    await scenario.open("2026-12-02T09:00");
    await inPrivate(marta, "/start");
    await write(marta, "Hello everyone");
    await write(specialist, "/manager", {
      reply_to_message: { message_id: 1, date: 1, chat, from: marta, text: "hi" },
    });
    await pressFirstButton(scenario.harness, lastSent(), marta);
    await acceptedRevision();
    const asked = lastSent();
    const inGroupBefore = scenario.harness.telegram.sentTo(chat.id).length;

    await pressButton(scenario.harness, asked, client, "1");
    const low =
      'Low rating in "Acme × Sofía": Ivan rated the work 1 of 5 (after V1 (Replace the photo in the second post) was accepted). A word with the client may help.';
    expect(privately(marta)).toContain(low);
    expect(privately(specialist)).toEqual([]);
    // The group reads nothing of the rating: only that Sofía has a note, and the way to read it.
    const mention = scenario.harness.telegram.sentTo(chat.id).slice(inGroupBefore).at(-1)!;
    expect(mention.text).toBe(
      "Sofía Marketing (@sofia_smm), I have a note for you about this chat that I can only send privately. Tap the button to open a chat with me and read it.",
    );
    expect(mention.entities).toMatchObject([{ type: "text_mention", user: { id: specialist.id } }]);
    const [[button]] = (mention.reply_markup as { inline_keyboard: { text: string; url: string }[][] })
      .inline_keyboard as [[{ text: string; url: string }]];
    expect(button).toEqual({ text: "Read it privately", url: "https://t.me/regbot_test_bot?start=rating-1" });

    expect(await inPrivate(bystander, "/start rating-1")).toEqual([
      "This note is for the chat's specialists and manager only.",
    ]);
    expect(await inPrivate(specialist, "/start rating-1")).toEqual([low]);
    // A link to nothing is answered in Sofía's own language (Spanish); the rating in the chat's.
    expect(await inPrivate(specialist, "/start rating-99")).toEqual([
      "Este enlace no lleva a nada que pueda mostrarte.",
    ]);

    // Started now, Sofía hears the comment privately like Marta; the group hears nothing more.
    const inGroupAfter = scenario.harness.telegram.sentTo(chat.id).length;
    const comment = "Three reminders for one photo";
    await write(client, comment, { reply_to_message: current(asked) });
    const told = `Ivan commented on their rating of 1 of 5 in "Acme × Sofía": ${comment}`;
    expect(privately(specialist).at(-1)).toBe(told);
    expect(privately(marta).at(-1)).toBe(told);
    expect(scenario.sentSince(inGroupAfter)).toEqual(["Thank you, Ivan: your comment is recorded."]);
    expect(await inPrivate(specialist, "/start rating-1")).toEqual([`${low}\n\n${told}`]);

    const said = scenario.harness.telegram.sent.length;
    await scenario.harness.restart();
    await settled(scenario.harness);
    expect(scenario.harness.telegram.sent).toHaveLength(said);
  }, 60_000);

  it("is asked privately once a month through the scheduler, once after a restart or a job run again, and at most once a week", async () => {
    await scenario.open("2026-12-03T09:00");
    scenario.harness.telegram.userStartedBot(client.id);
    const monthly = () =>
      scenario.harness.query<{ due_at: number; state: string }>(
        "select due_at, state from jobs where kind = 'rating-monthly'",
      );
    expect(monthly()).toEqual([{ due_at: at("2027-01-01T11:00"), state: "pending" }]);
    setTime("2026-12-31T18:00");
    expect(await tick()).toEqual([]);
    expect(privately(client)).toEqual([]);

    setTime("2027-01-01T11:00");
    expect(await tick()).toEqual([]);
    const privateAsk = `"Acme × Sofía": ${ask} over the past month?\n${scale}`;
    expect(privately(client)).toEqual([privateAsk]);
    expect(monthly()).toEqual([{ due_at: at("2027-02-01T11:00"), state: "pending" }]);

    await scenario.harness.restart();
    expect(await tick()).toEqual([]);
    // Killed before the job's run was recorded: it runs again, and the month's ask is not repeated.
    await scenario.harness.stopRegbot();
    const database = openDatabase(scenario.harness.databasePath);
    database.sqlite
      .prepare("update jobs set state = 'pending', due_at = ? where kind = 'rating-monthly'")
      .run(at("2027-01-01T11:00"));
    database.close();
    await scenario.harness.startRegbot();
    setTime("2027-01-01T11:05");
    expect(await tick()).toEqual([]);
    expect(privately(client)).toEqual([privateAsk]);

    const asked = scenario.harness.telegram.sentTo(client.id).at(-1)!;
    press(asked, client, "5");
    await settled(scenario.harness);
    expect(current(asked).text).toBe(
      'Thank you! You rated the work in "Acme × Sofía" 5 of 5.\nIf you like, write a comment here within a day (or reply to this message), and it is passed on to the team.',
    );
    setTime("2027-01-01T11:30");
    expect(await inPrivate(client, "Great month, thank you")).toEqual([
      "Thank you: your comment is recorded and passed on to the team.",
    ]);
    expect(await inPrivate(client, "Anything else?")).toEqual([]);
    expect(privately(specialist)).toEqual([]);

    setTime("2027-01-05T10:00");
    const [digest] = await write(specialist, "/digest");
    expect(digest).toContain("The client's rating since ");
    expect(digest).toContain(": 5 of 5 on average (1 rating).");
    const privateBefore = privately(client).length;
    await write(client, "/revision New banner");
    await write(specialist, "/delivered V1");
    expect(await write(client, "/accept V1")).toEqual(["V1 (New banner) accepted by Ivan. Thank you!"]);
    expect(privately(client, privateBefore)).toEqual([]);

    setTime("2027-02-01T11:00");
    await tick();
    expect(privately(client).at(-1)).toBe(privateAsk);
    expect(ratings().map((rating) => [rating.source, rating.score])).toEqual([
      ["monthly:2027-01", 5],
      ["monthly:2027-02", null],
    ]);
  }, 60_000);

  it("is not asked after the contract's end, monthly or after an acceptance, and again once the contract is extended", async () => {
    await scenario.open("2026-12-03T09:00");
    scenario.harness.telegram.userStartedBot(client.id);
    await write(specialist, "/set contract 2026-12-01..2026-12-31 Monthly SMM support.");
    const asks = () => [
      ...privately(client).filter((text) => text.includes(ask)),
      ...scenario.sentSince(0).filter((text) => text.includes(ask)),
    ];

    setTime("2027-01-01T11:00");
    await tick();
    setTime("2027-01-05T10:00");
    await write(client, "/revision New banner");
    await write(specialist, "/delivered V1");
    expect(await write(client, "/accept V1")).toEqual(["V1 (New banner) accepted by Ivan. Thank you!"]);
    expect(asks()).toEqual([]);
    expect(ratings()).toEqual([]);

    // The monthly ask waits for a contract that goes on: extended, the next month's is asked.
    await write(specialist, "/set contract 2026-12-01..2027-03-31 Monthly SMM support.");
    setTime("2027-02-01T11:00");
    await tick();
    expect(asks()).toEqual([`"Acme × Sofía": ${ask} over the past month?\n${scale}`]);
    expect(ratings().map((rating) => rating.source)).toEqual(["monthly:2027-02"]);
  }, 60_000);

  it("changes nothing and says nothing new when an acceptance, a score or a comment is handled again", async () => {
    await scenario.open("2026-12-03T09:00");
    const calls = () => scenario.harness.telegram.calls.length;
    const outcome = () => ({ ratings: ratings(), events: ratingEvents(), said: scenario.harness.telegram.sent.length });
    const again = async (update: Update) => {
      const before = { ...outcome(), calls: calls() };
      await scenario.handleAgainAfterCrash(update);
      const sayingCalls = scenario.harness.telegram.calls
        .slice(before.calls)
        .filter((call) => ["sendMessage", "answerCallbackQuery", "editMessageText"].includes(call.method));
      expect(sayingCalls).toEqual([]);
      expect(outcome()).toEqual({ ratings: before.ratings, events: before.events, said: before.said });
    };

    setTime("2026-12-07T11:00");
    await write(client, "/revision Replace the photo");
    await write(specialist, "/delivered V1");
    const accept = scenario.harness.telegram.pushUpdate(scenario.said(client, "/accept V1"));
    await settled(scenario.harness);
    await again(accept);
    const asked = lastSent();
    expect(asked.text).toContain(ask);

    const pressed = press(asked, client, "1");
    await settled(scenario.harness);
    await again(pressed);
    expect(ratings()).toMatchObject([{ score: 1 }]);

    const reply = scenario.harness.telegram.pushUpdate(
      scenario.said(client, "Too slow", { reply_to_message: current(asked) }),
    );
    await settled(scenario.harness);
    await again(reply);
    expect(ratings()).toMatchObject([{ score: 1, comment: "Too slow" }]);
  }, 90_000);

  it("appears in the report and in the export's obligations.json and messages.html", async () => {
    await managedChat();
    await acceptedRevision();
    await pressButton(scenario.harness, lastSent(), client, "4");
    const run = (script: string, ...args: string[]) =>
      spawnSync(process.execPath, [script, ...args], {
        encoding: "utf8",
        env: { ...process.env, DEFAULT_TIMEZONE: zone },
      });
    const report = run(
      "dist/src/cli/report.js",
      "--database",
      scenario.harness.databasePath,
      "--from",
      "2026-12-01",
      "--to",
      "2026-12-31",
      "--format",
      "json",
    );
    expect(JSON.parse(report.stdout)).toEqual([
      expect.objectContaining({ ratings: 1, ratingAverage: 4, lowRatings: 0 }),
    ]);
    const chatId = scenario.harness.query<{ id: number }>("select id from chats")[0]!.id;
    const out = join(mkdtempSync(join(tmpdir(), "regbot-ratings-")), "bundle");
    const exported = run(
      "dist/src/cli/export.js",
      `--chat=${chatId}`,
      "--database",
      scenario.harness.databasePath,
      "--out-dir",
      out,
    );
    expect(exported.stderr).toBe("");
    const obligations = JSON.parse(readFileSync(join(out, "obligations.json"), "utf8"));
    expect(obligations.client_ratings).toEqual([
      {
        id: 1,
        occasion: ratings()[0]!.source,
        client: client.id,
        requested_at: "2026-12-08T14:00:00.000Z",
        score: 4,
        rated_at: "2026-12-08T14:00:00.000Z",
        comment: null,
        commented_at: null,
      },
    ]);
    const html = readFileSync(join(out, "messages.html"), "utf8");
    expect(html).toContain("Ivan rated the work 4 of 5.");
    expect(run(join(out, "verify.mjs"), out).status).toBe(0);
  }, 90_000);
});

/** The ask, the refusal to a bystander and the thanks, in the chat's language. */
const IN_LANGUAGE = {
  ru: {
    ask: "Ivan, V1 (Новый баннер) принята. Как вы оцените работу над ней?\nНажмите от 1 (плохо) до 5 (отлично); потом можно добавить комментарий.",
    refused: "Оценивает работу здесь только Ivan, контакт клиента. Спасибо за понимание!",
    thanks: "Ivan оценивает работу на 3 из 5. Спасибо!\nIvan, чтобы добавить комментарий, ответьте на это сообщение.",
  },
  es: {
    ask: "Ivan, V1 (Nuevo banner) está aceptada. ¿Cómo valoraría el trabajo en ella?\nPulse de 1 (mal) a 5 (excelente); después puede añadir un comentario.",
    refused: "Aquí solo valora el trabajo Ivan, el contacto del cliente. ¡Gracias por su comprensión!",
    thanks: "Ivan valora el trabajo con 3 de 5. ¡Gracias!\nIvan, para añadir un comentario, responda a este mensaje.",
  },
} as const;

describe.each(["ru", "es"] as const)("the client's rating (%s)", (language) => {
  it("is asked, refused to others and thanked for in the chat's language", async () => {
    await scenario.open("2026-12-03T09:00");
    await write(specialist, `/set language ${language}`);
    setTime("2026-12-07T11:00");
    await write(client, language === "ru" ? "/revision Новый баннер" : "/revision Nuevo banner");
    await write(specialist, "/delivered V1");
    await write(client, "/accept V1");
    const asked = lastSent();
    expect(asked.text).toBe(IN_LANGUAGE[language].ask);
    await pressButton(scenario.harness, asked, bystander, "3");
    expect(lastAnswer()).toMatchObject({ show_alert: true, text: IN_LANGUAGE[language].refused });
    await pressButton(scenario.harness, asked, client, "3");
    expect(current(asked).text).toBe(IN_LANGUAGE[language].thanks);
  }, 60_000);
});

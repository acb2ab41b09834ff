import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group();
const sofia: User = { ...specialist, language_code: "en" };
const command = (text: string) =>
  text.startsWith("/")
    ? { entities: [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }] }
    : {};
let callbackCounter = 0;

async function joined() {
  harness = await startHarness();
  harness.telegram.pushUpdate(botAdded(chat, sofia, "administrator"));
  await settled(harness);
}

function chatId(): number {
  return harness.query<{ id: number }>("select id from chats")[0]!.id;
}

/** What regbot said in someone's private chat since `since` messages. */
function privateReplies(user: User, since = 0): string[] {
  return harness.telegram
    .sentTo(user.id)
    .slice(since)
    .map((sent) => sent.text!);
}

/** Someone writes to regbot in private; returns what regbot answered. */
async function inPrivate(user: User, text: string): Promise<string[]> {
  const before = harness.telegram.sentTo(user.id).length;
  harness.telegram.pushUpdate(
    message({ id: user.id, type: "private", first_name: user.first_name }, user, text, command(text)),
  );
  await settled(harness);
  return privateReplies(user, before);
}

/** Someone writes in the group; returns what regbot answered there. */
async function inGroup(user: User, text: string): Promise<string[]> {
  const before = harness.telegram.sentTo(chat.id).length;
  harness.telegram.pushUpdate(message(chat, user, text, command(text)));
  await settled(harness);
  return harness.telegram
    .sentTo(chat.id)
    .slice(before)
    .map((sent) => sent.text!);
}

/** Someone taps the button labelled `label` on the latest message in their private chat that has one. */
async function tap(user: User, label: string): Promise<string[]> {
  const withButton = (sent: Message) =>
    sent.reply_markup?.inline_keyboard.flat().find((button) => button.text === label);
  const question = harness.telegram.sentTo(user.id).findLast(withButton);
  const button = question && withButton(question);
  if (question === undefined || button === undefined || !("callback_data" in button))
    throw new Error(`no button "${label}" in the private chat`);
  const before = harness.telegram.sentTo(user.id).length;
  callbackCounter += 1;
  harness.telegram.pushUpdate({
    callback_query: {
      id: `cb-${callbackCounter}`,
      from: user,
      chat_instance: "private",
      message: question,
      data: button.callback_data,
    },
  });
  await settled(harness);
  return privateReplies(user, before);
}

/** The last question regbot asked in the private chat, i.e. the last message with buttons. */
function lastQuestion(user: User): string {
  return harness.telegram.sentTo(user.id).findLast((sent) => sent.reply_markup !== undefined)!.text!;
}

async function openSetup(user: User = sofia): Promise<string[]> {
  return inPrivate(user, `/start setup-${chatId()}`);
}

function regulationVersions() {
  return harness.query<{ version: number; settings: string; changed_by: number }>(
    "select version, settings, changed_by from regulation_versions order by version",
  );
}

/** People with a setup in progress (a closed one keeps its row, with no state, to know its last update). */
function openConversations() {
  return harness.query("select user_id from conversation_states where state <> 'null'");
}

describe("the guided setup", () => {
  it("offers a private chat in the group, walks the specialist through the settings and posts one summary", async () => {
    await joined();
    expect(await inGroup(sofia, "/setup")).toEqual([
      "Let's go through this chat's regulation step by step in a private chat, so the group is not flooded with questions. When you apply the changes, I'll post one summary here.",
    ]);
    const offer = harness.telegram.sentTo(chat.id).at(-1)!;
    expect(offer.reply_markup?.inline_keyboard).toEqual([
      [{ text: "Open the setup in a private chat", url: `https://t.me/regbot_test_bot?start=setup-${chatId()}` }],
    ]);
    const groupBefore = harness.telegram.sentTo(chat.id).length;

    const opening = await openSetup();
    expect(opening[0]).toContain('Setting up the regulation of "Acme × Sofía". I\'ll ask about 18 settings');
    expect(opening[1]).toBe("Step 1 of 18. Language\nNow: en\nWhich language should I speak in the group?");
    await tap(sofia, "Keep the current value");
    expect(harness.telegram.edited.at(-1)!.text).toBe(
      "Step 1 of 18. Language\nNow: en\nWhich language should I speak in the group?\n\n✓ en",
    );
    expect(lastQuestion(sofia)).toContain("Step 2 of 18. Time zone\nNow: UTC");
    await tap(sofia, "Europe/Madrid");
    expect(await inPrivate(sofia, "Mon-Fri 10-13, 14-19")).toEqual([
      expect.stringContaining("Step 4 of 18. Holidays\nNow: none"),
    ]);
    expect(harness.telegram.edited.at(-1)!.text).toContain("✓ Mon-Fri 10:00-13:00,14:00-19:00");
    await tap(sofia, "Keep the current value");
    await tap(sofia, "4h");
    expect(lastQuestion(sofia)).toContain("Step 6 of 18. Escalation to the manager after the due time\nNow: off");
    await tap(sofia, "Keep the current value");
    await tap(sofia, "Keep the current value");
    await tap(sofia, "Keep the current value");
    await tap(sofia, "Keep the current value");
    expect(await tap(sofia, "off")).toEqual([expect.stringContaining("Step 11 of 18. Contract\nNow: none")]);
    for (let step = 0; step < 7; step++) await tap(sofia, "Keep the current value");
    const summary = await tap(sofia, "Keep the current value");
    expect(summary).toEqual([
      [
        'Here is what will change in "Acme × Sofía":',
        "• Time zone: UTC → Europe/Madrid",
        "• Contact hours: Mon-Fri 10:00-19:00 → Mon-Fri 10:00-13:00,14:00-19:00",
        "• Response time: 2h → 4h",
        "• Voice messages: nudge → off",
        "",
        "Apply these changes? I'll post one summary in the group.",
      ].join("\n"),
    ]);
    expect(regulationVersions()).toEqual([]);

    expect(await tap(sofia, "Apply")).toEqual([
      'Done: the regulation of "Acme × Sofía" is updated, and I told the group what changed.',
    ]);
    expect(
      harness.telegram
        .sentTo(chat.id)
        .slice(groupBefore)
        .map((sent) => sent.text),
    ).toEqual([
      [
        "Sofía Marketing (@sofia_smm) changed the regulation (version 1):",
        "• Time zone: UTC → Europe/Madrid",
        "• Contact hours: Mon-Fri 10:00-19:00 → Mon-Fri 10:00-13:00,14:00-19:00",
        "• Response time: 2h → 4h",
        "• Voice messages: nudge → off",
        "The full regulation: /rules",
      ].join("\n"),
    ]);
    const [version] = regulationVersions();
    expect(version).toMatchObject({ version: 1, changed_by: sofia.id });
    expect(JSON.parse(version!.settings)).toMatchObject({
      timezone: "Europe/Madrid",
      response: { unit: "minutes", minutes: 240 },
      voice: "off",
    });
    const [event] = harness.query<{ line: string }>("select line from events where kind = 'regulation'");
    expect(JSON.parse(event!.line).payload).toMatchObject({
      version: 1,
      changedBy: sofia.id,
      changes: [{ key: "timezone" }, { key: "hours" }, { key: "response" }, { key: "voice" }],
    });
    expect(openConversations()).toEqual([]);
    expect(harness.telegram.callbackAnswers).toHaveLength(18);
  });

  it("answers a bad value with the precise error and asks the same question again", async () => {
    await joined();
    await openSetup();
    for (let step = 0; step < 4; step++) await tap(sofia, "Keep the current value");
    const question = lastQuestion(sofia);
    expect(question).toContain("Step 5 of 18. Response time");
    expect(await inPrivate(sofia, "soon")).toEqual([
      'I could not read "soon" as a duration. Write a whole number with a unit (m for minutes, h for hours, d for business days), for example: 2h',
      question,
    ]);
    expect(await inPrivate(sofia, "48h")).toEqual([
      expect.stringContaining("Step 6 of 18. Escalation to the manager after the due time"),
    ]);
    expect(await inPrivate(sofia, "later")).toEqual([
      'I could not read "later" as a duration. Write a whole number with a unit (m for minutes, h for hours, d for business days), for example: 30m',
      expect.stringContaining("Step 6 of 18. Escalation to the manager after the due time"),
    ]);
    expect(await inPrivate(sofia, "30m")).toEqual([
      expect.stringContaining("Step 7 of 18. Deadline for the client's information"),
    ]);
    expect(await inPrivate(sofia, "48h")).toEqual([
      'This deadline is counted in business days, so "48h" does not fit. Please write it in days, for example: 3d',
      expect.stringContaining("Step 7 of 18. Deadline for the client's information"),
    ]);
    expect(await inPrivate(sofia, "/help")).toEqual([
      "Please tap one of the buttons or type the value as text. /cancel leaves the setup without changing anything.",
    ]);
  });

  it("resumes an interrupted setup after a restart, where it stopped", async () => {
    await joined();
    await openSetup();
    await tap(sofia, "Keep the current value");
    await tap(sofia, "Europe/Moscow");
    expect(harness.query("select user_id from conversation_states")).toEqual([{ user_id: sofia.id }]);

    await harness.restart();
    expect(await inPrivate(sofia, "Mon-Fri 9-18")).toEqual([expect.stringContaining("Step 4 of 18. Holidays")]);
    for (let step = 0; step < 14; step++) await tap(sofia, "Keep the current value");
    expect(await tap(sofia, "Keep the current value")).toEqual([
      expect.stringContaining(
        "• Time zone: UTC → Europe/Moscow\n• Contact hours: Mon-Fri 10:00-19:00 → Mon-Fri 09:00-18:00",
      ),
    ]);
    await tap(sofia, "Apply");
    expect(regulationVersions()).toHaveLength(1);
    expect(JSON.parse(regulationVersions()[0]!.settings)).toMatchObject({ timezone: "Europe/Moscow" });
  });

  it("leaves the group's traffic alone while a setup is open, and keeps a /set made meanwhile", async () => {
    await joined();
    await openSetup();
    await tap(sofia, "Keep the current value");

    expect(await inGroup(client, "/rules")).toEqual([expect.stringContaining("regbot's defaults")]);
    expect(await inGroup(client, "Hello, any news on the ads?")).toEqual([]);
    expect(await inGroup(sofia, "/set response 30m")).toEqual([expect.stringContaining("• Response time: 2h → 30m")]);
    expect(await inGroup(client, "/rules")).toEqual([expect.stringContaining("• Response time: 30m")]);
    expect(
      harness.query("select count(*) as n from events where kind = 'message' and text = 'Hello, any news on the ads?'"),
    ).toEqual([{ n: 1 }]);

    expect(lastQuestion(sofia)).toContain("Step 2 of 18. Time zone");
    await tap(sofia, "Europe/Madrid");
    for (let step = 0; step < 16; step++) await tap(sofia, "Keep the current value");
    await tap(sofia, "Apply");
    expect(JSON.parse(regulationVersions().at(-1)!.settings)).toMatchObject({
      timezone: "Europe/Madrid",
      response: { unit: "minutes", minutes: 30 },
    });
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe(
      [
        "Sofía Marketing (@sofia_smm) changed the regulation (version 2):",
        "• Time zone: UTC → Europe/Madrid",
        "The full regulation: /rules",
      ].join("\n"),
    );
  });

  it("asks for the topic in a forum group, and posts the summary in General", async () => {
    harness = await startHarness();
    const forum = { ...group(-1009876543210, "Acme forum"), is_forum: true as const };
    harness.telegram.pushUpdate(botAdded(forum, sofia, "administrator"));
    await settled(harness);
    harness.telegram.pushUpdate(
      message(forum, sofia, "/setup", { ...command("/setup"), message_thread_id: 7, is_topic_message: true }),
    );
    await settled(harness);
    expect(harness.telegram.sentTo(forum.id).at(-1)).toMatchObject({
      message_thread_id: 7,
      text: expect.stringContaining("step by step in a private chat"),
    });

    expect((await openSetup())[0]).toContain("I'll ask about 19 settings");
    for (let step = 0; step < 10; step++) await tap(sofia, "Keep the current value");
    expect(lastQuestion(sofia)).toContain("Step 11 of 19. Topic for reminders\nNow: general");
    expect(await inPrivate(sofia, "42")).toEqual([expect.stringContaining("Step 12 of 19. Contract")]);
    expect(await inPrivate(sofia, "2026-12-01..2027-02-28 If information is late, work pauses (clause 5.2).")).toEqual([
      expect.stringContaining("Step 13 of 19. Contract sum"),
    ]);
    expect(await inPrivate(sofia, "3000 €")).toEqual([
      expect.stringContaining("Step 14 of 19. Penalty for a late stage"),
    ]);
    expect(await inPrivate(sofia, "ten percent")).toEqual([
      'I could not read the penalty "ten percent". Write a share of the contract sum, a share per day late with business or calendar days, an optional cap, then the clause to quote, for example: 10% + 2%/day business max 30% clause 7.1 (or none to remove it).',
      expect.stringContaining("Step 14 of 19. Penalty for a late stage"),
    ]);
    await inPrivate(sofia, "10% + 2%/day business clause 7.1");
    for (let step = 0; step < 4; step++) await tap(sofia, "Keep the current value");
    expect(lastQuestion(sofia)).toContain("Step 19 of 19. Third parties may be involved\nNow: ask");
    await tap(sofia, "no");
    await tap(sofia, "Apply");
    const summary = harness.telegram.sentTo(forum.id).at(-1)!;
    expect(summary.message_thread_id).toBeUndefined();
    expect(summary.text).toBe(
      [
        "Sofía Marketing (@sofia_smm) changed the regulation (version 1):",
        "• Topic for reminders: general → 42",
        "• Contract: none → 2026-12-01..2027-02-28 If information is late, work pauses (clause 5.2).",
        "• Contract sum: none → 3000 EUR",
        "• Penalty for a late stage: none → 10% + 2%/day business clause 7.1",
        "• Third parties may be involved: ask → no",
        "The full regulation: /rules",
      ].join("\n"),
    );
  });

  it("starts over when the specialist follows the link again in the middle of a setup", async () => {
    await joined();
    await openSetup();
    await tap(sofia, "Español");
    await tap(sofia, "Europe/Madrid");
    const again = await openSetup();
    expect(again[1]).toContain("Step 1 of 18. Language\nNow: en");
    expect(await tap(sofia, "Europe/Moscow")).toEqual([]);
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "This button belongs to an earlier question.",
    });
    for (let step = 0; step < 18; step++) await tap(sofia, "Keep the current value");
    expect(privateReplies(sofia).at(-1)).toBe(
      'You kept every setting, so the regulation of "Acme × Sofía" stays as it is.',
    );
    // The same values, now chosen rather than regbot's defaults (what /diagnose checks): one version says so.
    expect(regulationVersions()).toEqual([expect.objectContaining({ version: 1, changed_by: sofia.id })]);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe(
      "Sofía Marketing (@sofia_smm) confirmed the regulation as it is (version 1):\nThe full regulation: /rules",
    );
  });

  it("refuses someone who is not a specialist of the chat, politely and without starting anything", async () => {
    await joined();
    expect(await inGroup(client, "/setup")).toEqual([
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    ]);
    const ivan: User = { ...client, language_code: "en" };
    expect(await openSetup(ivan)).toEqual([
      "Only a specialist of that chat can set up its regulation. If you are one, send /setup in the group again and use the new button.",
    ]);
    expect(await inPrivate(ivan, "2h")).toEqual([]);
    expect(harness.query("select * from conversation_states")).toEqual([]);
  });

  it("saves nothing when the specialist cancels, with /cancel or the Cancel button", async () => {
    await joined();
    await openSetup();
    await tap(sofia, "Español");
    expect(await inPrivate(sofia, "/cancel")).toEqual(["Setup cancelled; nothing was changed."]);
    expect(await tap(sofia, "Europe/Madrid")).toEqual([]);
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "This button belongs to an earlier question.",
    });
    expect(await inPrivate(sofia, "/cancel")).toEqual([
      "There is no setup in progress. To start one, send /setup in your group.",
    ]);

    await openSetup();
    await tap(sofia, "Español");
    for (let step = 0; step < 17; step++) await tap(sofia, "Keep the current value");
    expect(await tap(sofia, "Cancel")).toEqual(["Setup cancelled; nothing was changed."]);
    expect(regulationVersions()).toEqual([]);
    expect(openConversations()).toEqual([]);
  });

  it("speaks the specialist's own language in private and the group's in the group", async () => {
    await joined();
    const sofiaInRussian: User = { ...specialist, language_code: "ru" };
    const opening = await openSetup(sofiaInRussian);
    expect(opening[0]).toContain("Настраиваем регламент чата «Acme × Sofía»");
    expect(opening[1]).toBe("Шаг 1 из 18. Язык\nСейчас: en\nНа каком языке мне говорить в группе?");
    await tap(sofiaInRussian, "Español");
    await tap(sofiaInRussian, "Оставить как есть");
    expect(await inPrivate(sofiaInRussian, "Пн-Пт 25-26")).toEqual([
      "«25» — не время суток. Время бывает от 00:00 до 23:59, а 24:00 может завершать часы дня, например: 18:00-24:00",
      expect.stringContaining("Шаг 3 из 18. Часы связи"),
    ]);
    await inPrivate(sofiaInRussian, "Пн-Пт 9-18");
    for (let step = 0; step < 15; step++) await tap(sofiaInRussian, "Оставить как есть");
    expect(lastQuestion(sofiaInRussian)).toBe(
      [
        "Вот что изменится в чате «Acme × Sofía»:",
        "• Часы связи: Пн-Пт 10:00-19:00 → Пн-Пт 09:00-18:00",
        "• Язык: en → es",
        "",
        "Применить изменения? Я опубликую в группе одну сводку.",
      ].join("\n"),
    );
    expect(await tap(sofiaInRussian, "Применить")).toEqual([
      "Готово: регламент чата «Acme × Sofía» обновлён, и я сообщил группе, что изменилось.",
    ]);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toContain(
      "Sofía Marketing (@sofia_smm) cambió el reglamento (versión 1):",
    );
  });
});

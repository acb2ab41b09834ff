import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { clientGroup } from "../support/client-group.js";
import { settled, type Harness } from "../support/harness.js";
import { bystander, client, edit, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, said, write, tick, sentSince } = scenario;
const last = scenario.lastSent;

/** Presses the button labelled `label` under `on`; what regbot said in the chat, and the answer to the press. */
async function press(
  from: typeof client,
  on: Message,
  label: string,
): Promise<{ said: string[]; answer: { text?: string; show_alert?: boolean } }> {
  const keyboard = (on.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] })
    .inline_keyboard;
  const button = keyboard.flat().find((candidate) => candidate.text === label)!;
  const before = harness.telegram.sentTo(chat.id).length;
  const answers = harness.telegram.callbackAnswers.length;
  harness.telegram.pushUpdate({
    callback_query: {
      id: `press-${Math.random()}`,
      from,
      chat_instance: "ci",
      data: button.callback_data,
      message: on as never,
    },
  });
  await harness.telegram.waitFor(() => harness.telegram.callbackAnswers.length > answers);
  await settled(harness);
  return { said: sentSince(before), answer: harness.telegram.callbackAnswers.at(-1)! };
}

async function agencyChat(): Promise<void> {
  harness = await scenario.open();
}

const callEvents = () => scenario.obligationEvents().map((payload) => `${payload.event} C${payload.number}`);

const SOFIA = "Sofía Marketing (@sofia_smm)";

describe("agreed calls", () => {
  it("a call is proposed, confirmed by the other side, reminded to both and minuted, the minutes disputed, corrected and confirmed", async () => {
    await agencyChat();
    setTime("2026-12-03T10:00");
    expect(await write(specialist, "/call Tue 15:00 Campaign results")).toEqual([
      `C1 proposed by ${SOFIA}: Campaign results, Tue 8 Dec 2026, 15:00 (Europe/Madrid).\nIvan, please confirm it or propose another time.\n"Tue 15:00" read as Tue 8 Dec 2026, 15:00 (Europe/Madrid).`,
    ]);
    const proposal = last();
    expect((await press(specialist, proposal, "Confirm")).answer).toMatchObject({
      show_alert: true,
      text: "The other side confirms C1: Ivan.",
    });
    expect((await press(bystander, proposal, "Confirm")).answer).toMatchObject({
      show_alert: true,
      text: "Only the specialists and the client's contact propose and confirm calls.",
    });
    expect((await press(client, proposal, "Confirm")).said).toEqual([
      "C1 confirmed by Ivan: Campaign results, Tue 8 Dec 2026, 15:00 (Europe/Madrid). I will remind both sides 10 minutes before.",
    ]);
    expect((await press(client, proposal, "Confirm")).answer).toMatchObject({
      show_alert: true,
      text: "C1 is already confirmed.",
    });
    const [status] = await write(client, "/status");
    expect(status).toContain("Next call: C1 (Campaign results), Tue 8 Dec 2026, 15:00 (Europe/Madrid).");

    setTime("2026-12-08T14:50");
    expect(await tick()).toEqual([
      `Reminder for ${SOFIA}, Ivan: call C1 (Campaign results) starts at Tue 8 Dec 2026, 15:00 (Europe/Madrid), in 10 minutes.`,
    ]);
    setTime("2026-12-08T16:00");
    expect(await tick()).toEqual([
      `C1 (Campaign results) was at Tue 8 Dec 2026, 15:00 (Europe/Madrid). A call leaves no record, so ${SOFIA}, please post its minutes, what was agreed, in writing: /minutes C1 <text>`,
    ]);
    expect(await write(client, "/status")).toEqual([
      expect.stringContaining("Call without minutes: C1 (Campaign results), Tue 8 Dec 2026, 15:00 (Europe/Madrid)."),
    ]);

    setTime("2026-12-08T16:30");
    expect(await write(client, "/minutes C1 We agreed on everything")).toEqual([
      "Only the one who proposed the call or a specialist posts its minutes.",
    ]);
    expect(await write(specialist, "/minutes C1 Budget stays at 500 €; new creatives by Friday")).toEqual([
      `Minutes of C1 (Campaign results, Tue 8 Dec 2026, 15:00 (Europe/Madrid)) by ${SOFIA}:\nBudget stays at 500 €; new creatives by Friday\nIvan, please confirm them or dispute them.`,
    ]);
    const minutes = last();
    expect((await press(specialist, minutes, "Confirm minutes")).answer).toMatchObject({
      show_alert: true,
      text: "The other side confirms or disputes these minutes: Ivan.",
    });
    expect((await press(client, minutes, "Dispute")).said).toEqual([
      `Ivan disputes the minutes of C1 (Campaign results).\n${SOFIA}, please post corrected minutes: /minutes C1 <text>`,
    ]);
    expect(await write(specialist, "/minutes 1 Budget goes up to 600 €; new creatives by Friday")).toHaveLength(1);
    expect(await write(client, "/minutes confirm C1")).toEqual([
      "Ivan confirmed the minutes of C1 (Campaign results).",
    ]);
    expect((await write(client, "/status"))[0]).not.toContain("Call without minutes");

    expect(callEvents()).toEqual([
      "created C1",
      "confirmed C1",
      "minutes C1",
      "minutes-disputed C1",
      "minutes C1",
      "minutes-confirmed C1",
    ]);
    expect(harness.query("select state, minutes, minutes_state, confirmed_by from obligations")).toEqual([
      {
        state: "done",
        minutes: "Budget goes up to 600 €; new creatives by Friday",
        minutes_state: "confirmed",
        confirmed_by: client.id,
      },
    ]);
  });

  it("the other side proposes another time, which the first side then confirms; an unconfirmed proposal is dropped after its time", async () => {
    await agencyChat();
    setTime("2026-12-03T10:00");
    await write(client, "/call mañana 12:00 Access to the ad account");
    expect(last().text).toContain("Sofía Marketing (@sofia_smm), please confirm it or propose another time.");
    expect((await press(specialist, last(), "Another time")).answer).toMatchObject({
      show_alert: true,
      text: "Write the time that suits you: /call C1 <when>, for example /call C1 tomorrow 11:00",
    });
    expect(await write(specialist, "/call C1 tomorrow 16:30")).toEqual([
      `C1 is replaced by C2, proposed by ${SOFIA}: Access to the ad account, Fri 4 Dec 2026, 16:30 (Europe/Madrid).\nIvan, please confirm it or propose another time.\n"tomorrow 16:30" read as Fri 4 Dec 2026, 16:30 (Europe/Madrid).`,
    ]);
    expect(await write(specialist, "/call confirm C2")).toEqual(["The other side confirms C2: Ivan."]);
    expect(await write(client, "/call confirm C1")).toEqual([
      "C1 is no longer open (it was cancelled, replaced or has its minutes).",
    ]);
    expect(await write(client, "/call confirm 2")).toEqual([
      "C2 confirmed by Ivan: Access to the ad account, Fri 4 Dec 2026, 16:30 (Europe/Madrid). I will remind both sides 10 minutes before.",
    ]);
    await write(specialist, "/call Mon 10:00 Weekly report");
    setTime("2026-12-04T13:00");
    // C1's time came, but it was replaced: nothing about it.
    expect(await tick()).toEqual([]);
    expect(await write(client, "/call cancel C2")).toEqual([
      "C2 (Access to the ad account, Fri 4 Dec 2026, 16:30 (Europe/Madrid)) is cancelled by Ivan.",
    ]);
    setTime("2026-12-04T16:25");
    expect(await tick()).toEqual([]);
    setTime("2026-12-07T11:00");
    expect(await tick()).toEqual([
      "C3 (Weekly report, Mon 7 Dec 2026, 10:00 (Europe/Madrid)) was never confirmed, so it is off the list.",
    ]);
    expect(callEvents()).toEqual([
      "created C1",
      "replaced C1",
      "created C2",
      "confirmed C2",
      "created C3",
      "cancelled C2",
      "unconfirmed C3",
    ]);
    expect(harness.query("select number, state, created_by from obligations order by number")).toEqual([
      { number: 1, state: "cancelled", created_by: client.id },
      { number: 2, state: "cancelled", created_by: specialist.id },
      { number: 3, state: "cancelled", created_by: specialist.id },
    ]);
  });

  it("refuses by role: only the two sides propose, only the other side confirms, only the proposer or a specialist writes the minutes", async () => {
    await agencyChat();
    setTime("2026-12-03T10:00");
    expect(await write(bystander, "/call tomorrow 15:00 My son's blog")).toEqual([
      "Only the specialists and the client's contact propose and confirm calls.",
    ]);
    await write(client, "/call tomorrow 15:00 Campaign results");
    expect(await write(client, "/call confirm C1")).toEqual([`The other side confirms C1: ${SOFIA}.`]);
    expect(await write(bystander, "/call cancel C1")).toEqual([
      "Only the specialists and the client's contact propose and confirm calls.",
    ]);
    await write(specialist, "/call confirm C1");
    expect(await write(specialist, "/minutes C1 Too early")).toEqual([
      "C1 (Campaign results) is at Fri 4 Dec 2026, 15:00 (Europe/Madrid); its minutes come after it.",
    ]);
    setTime("2026-12-04T16:00");
    expect(await write(bystander, "/minutes C1 I was there")).toEqual([
      "Only the one who proposed the call or a specialist posts its minutes.",
    ]);
    // The client proposed this call, so the client may write its minutes; a specialist judges them.
    await write(client, "/minutes C1 Results approved");
    expect(await write(client, "/minutes confirm C1")).toEqual([
      `The other side confirms or disputes these minutes: ${SOFIA}.`,
    ]);
    expect(await write(specialist, "/minutes dispute C1 The budget was not discussed")).toEqual([
      `${SOFIA} disputes the minutes of C1 (Campaign results): The budget was not discussed\nIvan, please post corrected minutes: /minutes C1 <text>`,
    ]);
    expect(harness.query("select minutes_state from obligations")).toEqual([{ minutes_state: "disputed" }]);
  });

  it("answers bad input precisely, with an example, and does not act on an edited command", async () => {
    await agencyChat();
    setTime("2026-12-03T10:00");
    expect(await write(specialist, "/call")).toEqual([
      "The date is missing.\nFor example: /call Tue 15:00 Campaign results",
    ]);
    expect(await write(specialist, "/call tomorrow 15:00")).toEqual([
      "What is the call about? No topic, no call: write it after the time, for example: /call tomorrow 15:00 Campaign results",
    ]);
    expect(await write(specialist, "/call tomorrow Campaign results")).toEqual([
      '"tomorrow" has no time; a call needs one.\nFor example: /call Tue 15:00 Campaign results',
    ]);
    expect(await write(specialist, "/call today 9:00 Campaign results")).toEqual([
      '"today 9:00" is already in the past.\nFor example: /call Tue 15:00 Campaign results',
    ]);
    expect(await write(specialist, "/call soon Campaign results")).toEqual([
      'I could not read a date at "soon".\nFor example: /call Tue 15:00 Campaign results',
    ]);
    expect(await write(specialist, "/call tomorrow 25:00 Campaign results")).toEqual([
      "There is no such time: 25:00.\nFor example: /call Tue 15:00 Campaign results",
    ]);
    expect(await write(specialist, "/call C7 tomorrow 11:00")).toEqual([
      'I don\'t know the call "C7". Give its number, for example: /call C1 tomorrow 11:00',
    ]);
    expect(await write(specialist, "/minutes C7 Notes")).toEqual([
      'I don\'t know the call "C7". Give its number, for example: /minutes C1 Budget stays at 500 €; new creatives by Friday',
    ]);
    expect(await write(client, "/minutes confirm")).toEqual([
      'I don\'t know the call "—". Give its number, for example: /minutes confirm C1',
    ]);
    expect(harness.query("select count(*) as n from obligations")).toEqual([{ n: 0 }]);

    const original = said(specialist, "/call tomorrow 15:00 Campaign results");
    harness.telegram.pushUpdate(original);
    await settled(harness);
    const before = harness.telegram.sentTo(chat.id).length;
    harness.telegram.pushUpdate(
      edit(original, "/call tomorrow 17:00 Campaign results", Math.floor(scenario.now / 1000) + 60),
    );
    await settled(harness);
    expect(sentSince(before)).toEqual([]);
    expect(harness.query("select count(*) as n from obligations")).toEqual([{ n: 1 }]);
    expect(harness.query("select text from events where kind = 'edit'")).toEqual([
      { text: "/call tomorrow 17:00 Campaign results" },
    ]);
    setTime("2026-12-03T10:05");
    await write(specialist, "/minutes C1", {
      reply_to_message: { message_id: 1, date: 1, chat, from: specialist, text: "hi" },
    });
    expect(last().text).toBe("C1 (Campaign results) was not an agreed call, so it has no minutes.");
  });

  it("speaks the chat's language, and /help and the command menu list calls and the plan", async () => {
    await agencyChat();
    const [help] = await write(client, "/help");
    expect(help).toContain("/call Tue 15:00 Campaign results: propose a call");
    expect(help).toContain("/plan: its stages and deadlines");
    const menu = harness.telegram.commandsFor({ type: "all_group_chats" })!.map((command) => command.command);
    expect(menu).toEqual(expect.arrayContaining(["plan", "call", "minutes"]));
    await write(specialist, "/set language es");
    setTime("2026-12-03T10:00");
    expect(await write(client, "/call el martes a las 15:00 Resultados")).toEqual([
      "C1 propuesta por Ivan: Resultados, mar 8 dic 2026, 15:00 (Europe/Madrid).\nSofía Marketing (@sofia_smm), confírmala o propón otra hora, por favor.\n«el martes a las 15:00» es mar 8 dic 2026, 15:00 (Europe/Madrid).",
    ]);
  });
});

import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { clientGroup } from "../support/client-group.js";
import { settled, type Harness } from "../support/harness.js";
import { client, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group();
const scenario = clientGroup(chat, "Europe/Madrid");

/** What the proposer reads, in their own language, about Saturday 5 Dec 15:00 in a Mon–Fri 10–19 chat. */
const QUESTION = {
  en: {
    asks: "Sat 5 Dec 2026, 15:00 (Europe/Madrid) is outside the agreed contact hours (Mon–Fri 10:00–19:00, Europe/Madrid time). Propose the call anyway?",
    anyway: "Propose anyway",
    drop: "Don't propose",
    dropped: "Not proposed.",
    gone: "I can no longer see the /call",
  },
  ru: {
    asks: "вне согласованных часов связи (Пн–Пт 10:00–19:00, по времени Europe/Madrid). Всё равно предложить созвон?",
    anyway: "Всё равно предложить",
    drop: "Не предлагать",
    dropped: "Созвон не предложен.",
    gone: "Я больше не вижу сообщение /call",
  },
  es: {
    asks: "queda fuera del horario de contacto acordado (lun–vie 10:00–19:00, hora de Europe/Madrid). ¿Proponer la llamada de todos modos?",
    anyway: "Proponer de todos modos",
    drop: "No proponer",
    dropped: "No se ha propuesto.",
    gone: "Ya no veo el /call",
  },
} as const;

async function press(
  from: User,
  on: Message,
  label: string,
): Promise<{ said: string[]; answer: { text?: string; show_alert?: boolean } }> {
  const button = on.reply_markup!.inline_keyboard.flat().find((candidate) => candidate.text === label);
  if (button === undefined || !("callback_data" in button)) throw new Error(`no button "${label}"`);
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
  return { said: scenario.sentSince(before), answer: harness.telegram.callbackAnswers.at(-1)! };
}

const calls = () =>
  scenario
    .obligationEvents()
    .filter((event) => event.kind === "call")
    .map((event) => `${event.event} C${event.number}`);

describe.each(["en", "ru", "es"] as const)("a call proposed outside contact hours (%s)", (language) => {
  const words = QUESTION[language];
  const sofia: User = { ...specialist, language_code: language };

  it("is asked about in the proposer's language first, and proposed only when the proposer goes ahead", async () => {
    harness = await scenario.open();
    scenario.setTime("2026-12-03T10:00");
    const command = scenario.said(sofia, "/call Sat 15:00 Campaign results");
    const before = harness.telegram.sentTo(chat.id).length;
    harness.telegram.pushUpdate(command);
    await settled(harness);
    expect(scenario.sentSince(before)).toEqual([expect.stringContaining(words.asks)]);
    const question = scenario.lastSent();
    expect(question.reply_to_message?.message_id).toBe(command.message!.message_id);
    expect(calls()).toEqual([]);

    // Telegram leaves out the quoted /call once it is deleted: nothing to propose from.
    const { reply_to_message: _deleted, ...quotingNothing } = question;
    expect((await press(sofia, quotingNothing as Message, words.anyway)).answer).toMatchObject({
      show_alert: true,
      text: expect.stringContaining(words.gone),
    });
    expect((await press(client, question, words.anyway)).answer).toMatchObject({
      show_alert: true,
      text: expect.stringContaining("Sofía Marketing (@sofia_smm)"),
    });
    const ahead = await press(sofia, question, words.anyway);
    expect(ahead.said).toEqual([
      expect.stringContaining(
        "C1 proposed by Sofía Marketing (@sofia_smm): Campaign results, Sat 5 Dec 2026, 15:00 (Europe/Madrid).",
      ),
    ]);
    expect(scenario.lastSent().reply_to_message?.message_id).toBe(command.message!.message_id);
    expect((await press(sofia, question, words.anyway)).said).toEqual([]);
    expect(calls()).toEqual(["created C1"]);
  });

  it("is not proposed when the proposer declines, and a time within contact hours is proposed at once", async () => {
    harness = await scenario.open();
    scenario.setTime("2026-12-03T10:00");
    await scenario.write(sofia, "/call tomorrow 20:30 Budget");
    const declined = await press(sofia, scenario.lastSent(), words.drop);
    expect(declined).toMatchObject({ said: [], answer: { text: expect.stringContaining(words.dropped) } });
    expect(calls()).toEqual([]);
    expect(await scenario.write(sofia, "/call tomorrow 11:00 Budget")).toEqual([
      expect.stringContaining("C1 proposed by"),
    ]);
  });
});

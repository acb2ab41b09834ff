import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { commandEntities } from "../support/client-group.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group();

/** How each language writes the values the scenario meets, and a few of its labels. */
const LANGUAGES = {
  en: {
    hours: "Mon-Fri 10:00-19:00",
    shorterHours: "Mon-Thu 10:00-19:00",
    typedHours: "mon-thu 10-19",
    digest: "Fri 17:00",
    typedDigest: "friday 17",
    newDigest: "Thu 16:00",
    typedNewDigest: "Thu 16",
    none: "none",
    nudge: "nudge",
    off: "off",
    typedOff: "off",
    response: "2h",
    voiceChoices: "nudge, off",
    unchanged: "Weekly report is already Fri 17:00: nothing changed.",
    keep: "Keep the current value",
    now: "Now:",
  },
  ru: {
    hours: "Пн-Пт 10:00-19:00",
    shorterHours: "Пн-Чт 10:00-19:00",
    typedHours: "пн-чт 10-19",
    digest: "Пт 17:00",
    typedDigest: "пятница 17",
    newDigest: "Чт 16:00",
    typedNewDigest: "Чт 16",
    none: "нет",
    nudge: "напоминать",
    off: "выкл",
    typedOff: "выкл",
    response: "2 ч",
    voiceChoices: "напоминать, выкл",
    unchanged: "Еженедельный отчёт уже Пт 17:00: ничего не изменилось.",
    keep: "Оставить как есть",
    now: "Сейчас:",
  },
  es: {
    hours: "lun-vie 10:00-19:00",
    shorterHours: "lun-jue 10:00-19:00",
    typedHours: "Lun-Jue 10-19",
    digest: "vie 17:00",
    typedDigest: "viernes 17",
    newDigest: "jue 16:00",
    typedNewDigest: "Jue 16",
    none: "ninguno",
    nudge: "recordar",
    off: "no",
    typedOff: "No",
    response: "2 h",
    voiceChoices: "recordar, no",
    unchanged: "Informe semanal ya es vie 17:00: no ha cambiado nada.",
    keep: "Mantener el valor actual",
    now: "Ahora:",
  },
} as const;

describe.each(
  Object.keys(LANGUAGES) as Array<keyof typeof LANGUAGES>,
)("settings' values in the chat's language (%s)", (language) => {
  const words = LANGUAGES[language];
  const sofia: User = { ...specialist, language_code: language };

  async function inGroup(text: string): Promise<string[]> {
    const before = harness.telegram.sentTo(chat.id).length;
    harness.telegram.pushUpdate(message(chat, sofia, text, commandEntities(text)));
    await settled(harness);
    return harness.telegram
      .sentTo(chat.id)
      .slice(before)
      .map((sent) => sent.text!);
  }

  async function inPrivate(text: string): Promise<string[]> {
    const before = harness.telegram.sentTo(sofia.id).length;
    harness.telegram.pushUpdate(
      message({ id: sofia.id, type: "private", first_name: sofia.first_name }, sofia, text, commandEntities(text)),
    );
    await settled(harness);
    return harness.telegram
      .sentTo(sofia.id)
      .slice(before)
      .map((sent) => sent.text!);
  }

  function lastQuestion(): Message {
    return harness.telegram.sentTo(sofia.id).findLast((sent) => sent.reply_markup !== undefined)!;
  }

  async function tap(label: string): Promise<void> {
    const question = lastQuestion();
    const button = question.reply_markup!.inline_keyboard.flat().find((candidate) => candidate.text === label);
    if (button === undefined || !("callback_data" in button)) throw new Error(`no button "${label}"`);
    harness.telegram.pushUpdate({
      callback_query: {
        id: `cb-${label}`,
        from: sofia,
        chat_instance: "private",
        message: question,
        data: button.callback_data,
      },
    });
    await settled(harness);
  }

  async function joined(): Promise<void> {
    harness = await startHarness();
    harness.telegram.pushUpdate(botAdded(chat, sofia, "administrator"));
    await settled(harness);
  }

  it("/rules shows every value in the chat's language", async () => {
    await joined();
    const [rules] = await inGroup("/rules");
    for (const value of [words.hours, words.digest, words.none, words.nudge, words.off, words.response])
      expect(rules).toContain(`: ${value}\n`);
  });

  it("/set reads the local and the English spelling, and confirms and announces in the chat's language", async () => {
    await joined();
    // Named the first time, the default is confirmed as chosen; named again, nothing changes.
    const [confirmed] = await inGroup(`/set digest ${words.typedDigest}`);
    expect(confirmed).toContain(`: ${words.digest} (`);
    expect(await inGroup(`/set digest ${words.typedDigest}`)).toEqual([words.unchanged]);
    const [announcement] = await inGroup(`/set digest ${words.typedNewDigest}`);
    expect(announcement).toContain(`: ${words.digest} → ${words.newDigest}\n`);
    const [voiceOff] = await inGroup(`/set voice ${words.typedOff}`);
    expect(voiceOff).toContain(`: ${words.nudge} → ${words.off}\n`);
    const [rules] = await inGroup("/rules");
    expect(rules).toContain(`: ${words.newDigest}\n`);
  });

  it("a refusal gives its example and its choices in the chat's language", async () => {
    await joined();
    const [wrongDuration] = await inGroup("/set response soon");
    expect(wrongDuration!.endsWith(`: ${words.response}`)).toBe(true);
    const [wrongChoice] = await inGroup("/set voice loud");
    expect(wrongChoice).toContain(words.voiceChoices);
    const [typedLocally] = await inGroup(`/set response ${words.response}`);
    expect(typedLocally).toContain(words.response);
  });

  it("the setup's questions, buttons, confirmations and summary write values in the specialist's language", async () => {
    await joined();
    const chatId = harness.query<{ id: number }>("select id from chats")[0]!.id;
    await inPrivate(`/start setup-${chatId}`);
    await tap(words.keep);
    await tap(words.keep);
    const hoursQuestion = lastQuestion();
    expect(hoursQuestion.text).toContain(`${words.now} ${words.hours}\n`);
    expect(hoursQuestion.reply_markup!.inline_keyboard.flat().map((button) => button.text)).toContain(words.hours);
    const [holidaysQuestion] = await inPrivate(words.typedHours);
    expect(harness.telegram.edited.at(-1)!.text).toContain(`✓ ${words.shorterHours}`);
    expect(holidaysQuestion).toContain(`${words.now} ${words.none}\n`);
    // The steps between hours and the digest keep their values, however many there are.
    for (let step = 0; step < 10 && !lastQuestion().text!.includes(`${words.now} ${words.digest}\n`); step++)
      await tap(words.keep);
    const digestQuestion = lastQuestion();
    expect(digestQuestion.text).toContain(`${words.now} ${words.digest}\n`);
    await inPrivate(words.typedNewDigest);
    expect(harness.telegram.edited.at(-1)!.text).toContain(`✓ ${words.newDigest}`);
    const hasKeep = () =>
      lastQuestion()
        .reply_markup!.inline_keyboard.flat()
        .some((button) => button.text === words.keep);
    while (hasKeep()) await tap(words.keep);
    expect(lastQuestion().text).toContain(`: ${words.hours} → ${words.shorterHours}\n`);
    expect(lastQuestion().text).toContain(`: ${words.digest} → ${words.newDigest}\n`);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { clientGroup } from "../support/client-group.js";
import type { Harness } from "../support/harness.js";
import { client, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const scenario = clientGroup(group(), "Europe/Madrid");

/** What /status says of the week's answers, in each language, after one and after three answered questions. */
const STATUS = {
  en: {
    one: ["1 question, 1 answered on time, 0 late or unanswered.", "Median answer time: 1 business minute."],
    three: ["3 questions, 3 answered on time, 0 late or unanswered.", "Median answer time: 5 business minutes."],
  },
  ru: {
    one: ["1 вопрос, 1 отвечен вовремя, 0 с опозданием или без ответа.", "Медианное время ответа: 1 рабочая минута."],
    three: [
      "3 вопроса, 3 отвечены вовремя, 0 с опозданием или без ответа.",
      "Медианное время ответа: 5 рабочих минут.",
    ],
  },
  es: {
    one: [
      "1 pregunta, 1 respondida a tiempo, 0 tarde o sin respuesta.",
      "Tiempo mediano de respuesta: 1 minuto laborable.",
    ],
    three: [
      "3 preguntas, 3 respondidas a tiempo, 0 tarde o sin respuesta.",
      "Tiempo mediano de respuesta: 5 minutos laborables.",
    ],
  },
} as const;

describe.each(["en", "ru", "es"] as const)("counts in /status (%s)", (language) => {
  it("says one question and three questions, one minute and five minutes, each in its plural form", async () => {
    harness = await scenario.open();
    await scenario.write(specialist, `/set language ${language}`);
    scenario.setTime("2026-12-03T11:00");
    await scenario.write(client, "Where is the report for November?");
    scenario.setTime("2026-12-03T11:01");
    await scenario.write(specialist, "Here it is.");
    const [afterOne] = await scenario.write(client, "/status");
    for (const line of STATUS[language].one) expect(afterOne).toContain(line);

    for (const [asked, answered] of [
      ["12:00", "12:05"],
      ["13:00", "13:05"],
    ]) {
      scenario.setTime(`2026-12-03T${asked}`);
      await scenario.write(client, "And the invoice?");
      scenario.setTime(`2026-12-03T${answered}`);
      await scenario.write(specialist, "Sent.");
    }
    const [afterThree] = await scenario.write(client, "/status");
    for (const line of STATUS[language].three) expect(afterThree).toContain(line);
  });
});

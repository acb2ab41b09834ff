import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { commandEntities } from "../support/client-group.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group();

/** A few words of each language's answers, enough to tell the answer is in the chat's language. */
const SAYS = {
  en: {
    rules: "Regulation of this chat",
    status: "Status of",
    digest: "Weekly digest",
    announcement: "changed the regulation",
    help: "I keep a client group",
  },
  ru: {
    rules: "Регламент этого чата",
    status: "Статус",
    digest: "Еженедельная сводка",
    announcement: "изменил(а) регламент",
    help: "Я слежу",
  },
  es: {
    rules: "Reglamento de este chat",
    status: "Estado de",
    digest: "Resumen semanal",
    announcement: "cambió el reglamento",
    help: "Ayudo a que un grupo",
  },
} as const;

/** `from` sends `text` in `where`; regbot's answers there, with the message they answered. */
async function ask(
  where: { id: number; type: "private" | "supergroup" },
  from: User,
  text: string,
): Promise<{ asked: number; answers: Message[] }> {
  const before = harness.telegram.sentTo(where.id).length;
  const update = message(
    where.type === "private" ? { id: from.id, type: "private", first_name: from.first_name } : chat,
    from,
    text,
    commandEntities(text),
  );
  harness.telegram.pushUpdate(update);
  await settled(harness);
  return { asked: update.message!.message_id, answers: harness.telegram.sentTo(where.id).slice(before) };
}

describe.each(["en", "ru", "es"] as const)("answers quote what they answer (%s)", (language) => {
  const sofia: User = { ...specialist, language_code: language };

  it("in a group, /rules, /status, /digest, /help and the announcement of a /set each quote the command", async () => {
    harness = await startHarness();
    harness.telegram.pushUpdate(botAdded(chat, sofia, "administrator"));
    await settled(harness);
    for (const [command, words] of [
      ["/rules", SAYS[language].rules],
      ["/status", SAYS[language].status],
      ["/digest", SAYS[language].digest],
      ["/help", "/rules"],
      ["/set response 4h", SAYS[language].announcement],
    ] as const) {
      const { asked, answers } = await ask(chat, sofia, command);
      expect(answers, command).toHaveLength(1);
      expect(answers[0]!.text, command).toContain(words);
      expect(answers[0]!.reply_to_message?.message_id, command).toBe(asked);
    }
  });

  it("in a private chat, an answer quotes the person's message", async () => {
    harness = await startHarness();
    const { asked, answers } = await ask({ id: sofia.id, type: "private" }, sofia, "/help");
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain(SAYS[language].help);
    expect(answers[0]!.reply_to_message?.message_id).toBe(asked);
  });
});

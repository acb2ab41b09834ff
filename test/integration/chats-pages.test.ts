import type { InlineKeyboardMarkup, Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { commandEntities } from "../support/client-group.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const CHATS = 45;
const HOUR = 3_600_000;

const SAYS = {
  en: {
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    next: "Next ›",
    previous: "‹ Previous",
    moved: "this is page 3 now",
  },
  ru: {
    page: (page: number, pages: number) => `Страница ${page} из ${pages}`,
    next: "Дальше ›",
    previous: "‹ Назад",
    moved: "теперь это страница 3",
  },
  es: {
    page: (page: number, pages: number) => `Página ${page} de ${pages}`,
    next: "Siguiente ›",
    previous: "‹ Anterior",
    moved: "ahora es la página 3",
  },
} as const;

/** A specialist in 45 client chats, written while regbot is stopped; "Client 07" still waits for an answer past its time. */
async function agencyOf(sofia: User): Promise<void> {
  await harness.stopRegbot();
  const database = openDatabase(harness.databasePath);
  const { sqlite } = database;
  const now = Date.now();
  sqlite.transaction(() => {
    for (let index = 1; index <= CHATS; index += 1) {
      const telegramId = -1_009_000_000_000 - index;
      const title = `Client ${String(index).padStart(2, "0")}`;
      const chatId = Number(
        sqlite
          .prepare("insert into chats (telegram_chat_id, type, title, created_at) values (?, 'supergroup', ?, ?)")
          .run(telegramId, title, now).lastInsertRowid,
      );
      sqlite.prepare("insert into chat_telegram_ids (telegram_chat_id, chat_id) values (?, ?)").run(telegramId, chatId);
      sqlite
        .prepare("insert into chat_roles (chat_id, user_id, role, since) values (?, ?, 'specialist', ?)")
        .run(chatId, sofia.id, now);
      if (index === 7)
        sqlite
          .prepare(
            "insert into response_windows (chat_id, opened_at, opened_by_message_id, regulation_version, due_at) values (?, ?, 1, 1, ?)",
          )
          .run(chatId, now - 3 * HOUR, now - HOUR);
    }
  })();
  database.close();
  await harness.startRegbot();
}

describe.each(["en", "ru", "es"] as const)("/chats for a specialist in 45 chats (%s)", (language) => {
  const sofia: User = { ...specialist, language_code: language };
  const says = SAYS[language];

  const keyboardOf = (shown: Message) => (shown.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat();
  const chatButtons = (shown: Message) => keyboardOf(shown).filter((button) => /^Client/.test(button.text));

  async function press(shown: Message, data: string): Promise<{ message: Message; answer: string | undefined }> {
    const answers = harness.telegram.callbackAnswers.length;
    harness.telegram.pushUpdate({
      callback_query: {
        id: `cp-${data}-${language}`,
        from: sofia,
        chat_instance: "private",
        data,
        message: shown as never,
      },
    });
    await harness.telegram.waitFor(() => harness.telegram.callbackAnswers.length > answers);
    await settled(harness);
    return {
      message: harness.telegram.currentMessage(sofia.id, shown.message_id)!,
      answer: harness.telegram.callbackAnswers.at(-1)!.text,
    };
  }

  it("comes in pages of 20, what needs attention first, turned with next and previous, within Telegram's limits", async () => {
    harness = await startHarness();
    harness.telegram.userStartedBot(sofia.id);
    await agencyOf(sofia);

    harness.telegram.pushUpdate(
      message(
        { id: sofia.id, type: "private", first_name: sofia.first_name },
        sofia,
        "/chats",
        commandEntities("/chats"),
      ),
    );
    await settled(harness);
    const [list] = harness.telegram.sentTo(sofia.id);
    expect(list!.text).toContain(says.page(1, 3));
    expect(chatButtons(list!)).toHaveLength(20);
    expect(chatButtons(list!)[0]!.text, "the late answer first").toMatch(/^Client 07 · /);
    expect(keyboardOf(list!).map((button) => button.text)).toContain(says.next);
    expect(keyboardOf(list!).map((button) => button.text)).not.toContain(says.previous);

    const second = await press(list!, "cp:1");
    expect(second.answer).toBeUndefined();
    expect(second.message.text).toContain(says.page(2, 3));
    expect(chatButtons(second.message)).toHaveLength(20);
    expect(keyboardOf(second.message).map((button) => button.text)).toEqual(
      expect.arrayContaining([says.previous, says.next]),
    );
    const firstTitles = new Set(chatButtons(list!).map((button) => button.text));
    expect(chatButtons(second.message).filter((button) => firstTitles.has(button.text))).toEqual([]);

    // A button from a longer list, or one made up: the last page there is, said politely.
    const last = await press(second.message, "cp:99");
    expect(last.answer).toContain(says.moved);
    expect(last.message.text).toContain(says.page(3, 3));
    expect(chatButtons(last.message)).toHaveLength(5);
    expect(keyboardOf(last.message).map((button) => button.text)).not.toContain(says.next);

    const back = await press(last.message, "cp:1");
    expect(back.message.text).toContain(says.page(2, 3));

    for (const shown of [list!, second.message, last.message]) {
      expect(keyboardOf(shown).length).toBeLessThanOrEqual(100);
      expect(shown.text!.length).toBeLessThanOrEqual(4_096);
      for (const button of keyboardOf(shown))
        expect(Buffer.byteLength((button as { callback_data: string }).callback_data)).toBeLessThanOrEqual(64);
    }
  });
});

import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { commandEntities } from "../support/client-group.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, bystander, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group(-1007777777777, "Acme × Sofía");

const SAYS = {
  en: {
    title: "Your chats, what needs attention first.",
    status: 'Status of "Acme × Sofía"',
    none: "You do not follow any chat with regbot",
  },
  ru: {
    title: "Ваши чаты: сначала то, что требует внимания.",
    status: "Статус «Acme × Sofía»",
    none: "Вы не следите ни за одним чатом с regbot",
  },
  es: {
    title: "Tus chats, primero lo que requiere atención.",
    status: "Estado de «Acme × Sofía»",
    none: "No sigues ningún chat con regbot",
  },
} as const;

describe.each(["en", "ru", "es"] as const)("/chats for an observer (%s)", (language) => {
  const sofia: User = { ...specialist, language_code: language };
  const observer: User = { id: 801, is_bot: false, first_name: "Olga", last_name: "Agency", language_code: language };
  const stranger: User = { ...bystander, language_code: language };

  async function inPrivate(user: User, text: string): Promise<Message[]> {
    const before = harness.telegram.sentTo(user.id).length;
    harness.telegram.pushUpdate(
      message({ id: user.id, type: "private", first_name: user.first_name }, user, text, commandEntities(text)),
    );
    await settled(harness);
    return harness.telegram.sentTo(user.id).slice(before);
  }

  it("lists the chats the observer follows and shows one's status on a tap, and nothing to act on", async () => {
    harness = await startHarness();
    for (const user of [observer, stranger]) harness.telegram.userStartedBot(user.id);
    harness.telegram.pushUpdate(botAdded(chat, sofia, "administrator"));
    const hello = message(chat, observer, "Hello, I follow the account for the agency");
    harness.telegram.pushUpdate(hello);
    await settled(harness);
    harness.telegram.pushUpdate(
      message(chat, sofia, "/observer", { ...commandEntities("/observer"), reply_to_message: hello.message as never }),
    );
    await settled(harness);

    const [list] = await inPrivate(observer, "/chats");
    expect(list!.text).toContain(SAYS[language].title);
    const [button] = list!.reply_markup!.inline_keyboard.flat();
    expect(button?.text).toBe("Acme × Sofía");

    const before = harness.telegram.sentTo(observer.id).length;
    const answers = harness.telegram.callbackAnswers.length;
    harness.telegram.pushUpdate({
      callback_query: {
        id: `st-${language}`,
        from: observer,
        chat_instance: "private",
        data: (button as { callback_data: string }).callback_data,
        message: list as never,
      },
    });
    await harness.telegram.waitFor(() => harness.telegram.callbackAnswers.length > answers);
    await settled(harness);
    expect(harness.telegram.callbackAnswers.at(-1)).not.toHaveProperty("show_alert");
    const [status] = harness.telegram.sentTo(observer.id).slice(before);
    expect(status!.text).toContain(SAYS[language].status);
    expect(status!.reply_markup).toBeUndefined();

    expect((await inPrivate(stranger, "/chats"))[0]!.text).toContain(SAYS[language].none);
  });
});

import { describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { chatOfUpdate } from "./update-chat.js";

const chat = { id: -100123, type: "supergroup" as const, title: "Acme" };
const from = { id: 1, is_bot: false, first_name: "Ana" };

describe("the chat an update belongs to", () => {
  it("is the message's, the member change's, or the chat of the message under a button", () => {
    const message = { message_id: 1, date: 1, chat, from, text: "hi" };
    expect(chatOfUpdate({ update_id: 1, message } as Update)).toBe(chat.id);
    expect(
      chatOfUpdate({ update_id: 2, callback_query: { id: "q", from, chat_instance: "c", message } } as Update),
    ).toBe(chat.id);
    expect(
      chatOfUpdate({ update_id: 3, message_reaction_count: { chat, message_id: 1, date: 1, reactions: [] } }),
    ).toBe(chat.id);
  });

  it("is none for a button under an inline message", () => {
    expect(
      chatOfUpdate({ update_id: 4, callback_query: { id: "q", from, chat_instance: "c", inline_message_id: "i" } }),
    ).toBeUndefined();
  });
});

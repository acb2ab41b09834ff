import type { Update } from "grammy/types";

/** What an update carries its chat in: the chat itself, or the message a button was under. */
interface ChatCarrier {
  chat?: { id: number };
  message?: { chat?: { id: number } };
}

/** The Telegram chat an update belongs to, or undefined for one without (an inline button under no message). */
export function chatOfUpdate(update: Update): number | undefined {
  for (const [field, value] of Object.entries(update)) {
    if (field === "update_id" || typeof value !== "object" || value === null) continue;
    const carrier = value as ChatCarrier;
    return carrier.chat?.id ?? carrier.message?.chat?.id;
  }
  return undefined;
}

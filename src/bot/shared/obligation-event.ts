import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";

/** An obligation's creation or change as an event in the chat's log, keyed so it is logged once. */
export function obligationEvent(
  chat: Chat,
  obligation: Obligation,
  event: string,
  by: number | null,
  extra: Record<string, unknown> = {},
) {
  return {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "obligation" as const,
    source: `obligation:${obligation.id}:${event}`,
    ...(by === null ? {} : { senderId: by }),
    payload: {
      event,
      kind: obligation.kind,
      number: obligation.number,
      description: obligation.description,
      dueAt: new Date(obligation.dueAt).toISOString(),
      by,
      ...extra,
    },
  };
}

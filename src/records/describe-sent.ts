import type { Message } from "grammy/types";
import type { EventDraft } from "../domain/correspondence.js";
import { identityOf, mediaOf } from "./describe-update.js";

/**
 * What regbot said is part of the record: a message it sent or edited in a group becomes a
 * `bot_message` or `bot_edit` event, keyed by Telegram's chat and message id so a retry adds nothing.
 */
export function describeSent(
  method: string,
  result: unknown,
  delivery: "certain" | "uncertain" | "already applied" = "certain",
): EventDraft[] {
  if (!isMessage(result)) return [];
  const { chat } = result;
  if (chat.type !== "group" && chat.type !== "supergroup") return [];
  const edited = method.startsWith("edit");
  const media = mediaOf(result);
  return [
    {
      chat: identityOf(chat),
      kind: edited ? "bot_edit" : "bot_message",
      // Keyed by Telegram chat too: after a group becomes a supergroup, one chat has two message id spaces.
      source: edited
        ? `edited:${chat.id}:${result.message_id}:${result.edit_date ?? result.date}`
        : `sent:${chat.id}:${result.message_id}`,
      telegramDate: result.edit_date ?? result.date,
      senderId: result.from?.id,
      messageId: result.message_id,
      ...((result.text ?? result.caption) ? { text: result.text ?? result.caption } : {}),
      ...(result.reply_to_message ? { replyToMessageId: result.reply_to_message.message_id } : {}),
      ...(result.message_thread_id !== undefined ? { threadId: result.message_thread_id } : {}),
      ...(media ? { media } : {}),
      // "uncertain": an earlier attempt may have posted a copy too (the connection broke after sending);
      // "already applied": an edit Telegram had made before a retry (see describe-edit).
      payload: { method, result, delivery },
    },
  ];
}

function isMessage(value: unknown): value is Message {
  return typeof value === "object" && value !== null && "message_id" in value && "chat" in value;
}

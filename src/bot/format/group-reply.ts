import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { BotContext } from "../context.js";

/**
 * What a handler says in a group goes through the outbox: keyed by the update and a purpose,
 * so handling the same update again posts nothing new, in the topic of the message that caused
 * it, and quoting that message: paced answers in a busy group arrive late, the quote says what
 * they answer.
 */
export function groupReply(ctx: BotContext, chatId: number, purpose: string, text: string): OutgoingMessage {
  // A message in a private chat (a setup applied there) has no topic or id in the group.
  const message = ctx.chat?.type === "private" ? undefined : ctx.msg;
  const threadId = message?.is_topic_message ? message.message_thread_id : undefined;
  // Service messages ("X left the group") are nobody's words to quote.
  const quoted =
    message === undefined || message.left_chat_member !== undefined || message.new_chat_members !== undefined
      ? undefined
      : message;
  return {
    dedupeKey: `update:${ctx.updateKey}:${purpose}`,
    to: { chatId, ...(threadId === undefined ? {} : { threadId }) },
    text,
    ...(quoted === undefined ? {} : { replyToMessageId: quoted.message_id }),
  };
}

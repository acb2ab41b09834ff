import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { BotContext } from "../context.js";

/**
 * What a handler says in a group goes through the outbox: keyed by the update and a purpose,
 * so handling the same update again posts nothing new, and in the topic of the message that
 * caused it.
 */
export function groupReply(ctx: BotContext, chatId: number, purpose: string, text: string, options: { quote?: boolean } = {}): OutgoingMessage {
  // A message in a private chat (a setup applied there) has no topic or id in the group.
  const message = ctx.chat?.type === "private" ? undefined : ctx.msg;
  const threadId = message?.is_topic_message ? message.message_thread_id : undefined;
  return {
    dedupeKey: `update:${ctx.updateKey}:${purpose}`,
    to: { chatId, ...(threadId === undefined ? {} : { threadId }) },
    text,
    ...(options.quote && message !== undefined ? { replyToMessageId: message.message_id } : {}),
  };
}

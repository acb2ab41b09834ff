import type { Message } from "grammy/types";
import type { Chat } from "../../db/chat-repository.js";
import type { OutboxRow } from "../../db/outbox-repository.js";
import type { BotContext } from "../context.js";

/** The warnings, breach notices and escalations said about one window, privately or in the group instead. */
const ALERT_KEY = /^window:\d+:(warning|breach|escalation):\d+(:fallback)?$/;

/**
 * Alerts that update themselves: every alert about the window (sent, or still on its way) is
 * edited once to carry `note`, instead of a new message; `cause` keys the edits (`answered`).
 * `except`: the message a button was pressed under, which its handler edits itself. The note is
 * worded only when there is an alert to edit (most answers have none).
 */
export async function noteOnWindowAlerts(
  ctx: BotContext,
  chat: Chat,
  windowId: number,
  cause: string,
  note: () => string,
  except?: Message,
): Promise<void> {
  const { outbox } = ctx.deps;
  const alerts = (await outbox.deliverableUnder(`window:${windowId}:`)).filter(
    (row) => ALERT_KEY.test(row.dedupeKey ?? "") && !isMessage(row, chat, except),
  );
  if (alerts.length === 0) return;
  const text = note();
  // A private alert's edit is recorded in this group's log, as the group's own alerts' edits are.
  const privateAlertOf = {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    windowId,
  };
  await outbox.postEdits(
    alerts.map((row) => ({
      of: row,
      dedupeKey: `window:${windowId}:${cause}:${row.id}`,
      note: text,
      ...(row.chatId === null ? { privateAlertOf } : {}),
    })),
  );
}

function isMessage(row: OutboxRow, chat: Chat, message: Message | undefined): boolean {
  if (message === undefined || row.telegramMessageId !== message.message_id) return false;
  return row.chatId === null ? row.userId === message.chat.id : chat.telegramChatId === message.chat.id;
}

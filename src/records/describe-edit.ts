import type { Message } from "grammy/types";
import type { PrivateAlertOf } from "../db/outbox-repository.js";
import type { EventDraft } from "../domain/correspondence.js";
import { describeSent } from "./describe-sent.js";

/**
 * How an edit regbot made reached the record: Telegram's answer to it ("certain"); Telegram saying
 * the message already reads so, after a retry of an attempt whose answer was lost ("already
 * applied"); or no answer at all before regbot gave up on an attempt that may have landed ("uncertain").
 */
export type EditDelivery = "certain" | "already applied" | "uncertain";

/** One edit of a message regbot posted: the outbox row that made it, the message as edited, the note it added. */
export interface AppliedEdit {
  outboxId: number;
  /** Telegram's answer, or the message as regbot asked it to read when Telegram gave none. */
  message: Message;
  note: string;
  delivery: EditDelivery;
  privateAlertOf?: PrivateAlertOf | undefined;
}

/**
 * An edit in the log, once per outbox row: a group's is a `bot_edit` (keyed by Telegram's edit
 * date when Telegram answered, else by the row); a private alert's is a `window` event in the
 * group it is about, since Telegram keeps no log of a private chat for regbot.
 */
export function describeEdit(edit: AppliedEdit): EventDraft[] {
  const { message, delivery, privateAlertOf } = edit;
  if (privateAlertOf !== undefined)
    return [
      {
        chat: privateAlertOf.chat,
        kind: "window",
        source: `outbox:${edit.outboxId}:edited`,
        ...(message.edit_date === undefined ? {} : { telegramDate: message.edit_date }),
        text: message.text ?? "",
        payload: {
          event: "alert-edited",
          windowId: privateAlertOf.windowId,
          to: message.chat.id,
          messageId: message.message_id,
          note: edit.note,
          text: message.text ?? "",
          delivery,
        },
      },
    ];
  if (delivery === "certain") return describeSent("editMessageText", message, "certain");
  // Without Telegram's answer there is no edit date to key the record by: the row keys it.
  return describeSent("editMessageText", message, delivery).map((draft) => ({
    ...draft,
    source: `edited:${message.chat.id}:${message.message_id}:outbox:${edit.outboxId}`,
  }));
}

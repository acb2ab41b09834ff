import type { Message, User } from "grammy/types";
import { settled, type Harness } from "./harness.js";

/** Presses the first button under a message regbot sent, as `from`, and waits for the outcome. */
export async function pressFirstButton(
  harness: Harness,
  message: Message,
  from: User,
  id = `press-${from.id}-${message.message_id}`,
): Promise<void> {
  const keyboard = (message.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
  harness.telegram.pushUpdate({
    callback_query: { id, from, chat_instance: "ci", data: keyboard[0]![0]!.callback_data, message: message as never },
  });
  await settled(harness);
}

/** Presses the button labelled `label` under a message regbot sent, as `from`, and waits for the outcome. */
export async function pressButton(
  harness: Harness,
  message: Message,
  from: User,
  label: string,
  id = `press-${from.id}-${message.message_id}-${label}`,
): Promise<void> {
  const keyboard = (message.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] })
    .inline_keyboard;
  const button = keyboard.flat().find((candidate) => candidate.text === label);
  if (button === undefined) throw new Error(`no button "${label}" under message ${message.message_id}`);
  harness.telegram.pushUpdate({
    callback_query: { id, from, chat_instance: "ci", data: button.callback_data, message: message as never },
  });
  await settled(harness);
}

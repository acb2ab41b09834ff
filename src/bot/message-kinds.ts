import type { Message } from "grammy/types";

/** A message that starts with a bot command: handled by its command, never read as conversation. */
export function isCommand(message: Message): boolean {
  const first = message.entities?.[0];
  return first?.type === "bot_command" && first.offset === 0;
}

import type { Message } from "grammy/types";

/**
 * A message that starts with a bot command: handled by its command, never read as conversation.
 * Any entity at the start may be the command, as grammY's `command` filter reads it.
 */
export function isCommand(message: Message): boolean {
  return message.entities?.some((entity) => entity.type === "bot_command" && entity.offset === 0) ?? false;
}

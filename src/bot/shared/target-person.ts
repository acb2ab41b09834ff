import type { Chat } from "../../db/chat-repository.js";
import type { BotContext } from "../context.js";
import { displayName, personName } from "../format/people.js";

export type TargetPerson = { ok: true; userId: number; name: string } | { ok: false; problem: string };

/**
 * Whom a role command is about: the author of the message it replies to, a text mention, or
 * an @username regbot has already seen here (Telegram does not let bots look one up).
 */
export async function targetPerson(ctx: BotContext, chat: Chat, command: string): Promise<TargetPerson> {
  const message = ctx.msg!;
  const replied = message.reply_to_message?.from;
  if (replied !== undefined && !replied.is_bot) return { ok: true, userId: replied.id, name: displayName(replied) };
  const text = message.text ?? message.caption ?? "";
  for (const entity of message.entities ?? message.caption_entities ?? []) {
    if (entity.type === "text_mention" && !entity.user.is_bot) return { ok: true, userId: entity.user.id, name: displayName(entity.user) };
    if (entity.type === "mention") {
      const username = text.slice(entity.offset + 1, entity.offset + entity.length);
      const person = await ctx.deps.people.findByUsername(chat.id, username);
      if (person === undefined) return { ok: false, problem: ctx.t("role-unknown-username", { username, command }) };
      if (person.isBot) return { ok: false, problem: ctx.t("role-not-for-bots") };
      return { ok: true, userId: person.userId, name: personName(person, person.userId) };
    }
  }
  if (replied?.is_bot) return { ok: false, problem: ctx.t("role-not-for-bots") };
  return { ok: false, problem: ctx.t("role-whom", { command }) };
}

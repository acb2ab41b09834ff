import type { Chat } from "../../db/chat-repository.js";
import type { BotContext } from "../context.js";
import { displayName, personName } from "../format/people.js";

/** `notice`: what the reply must add so nobody is surprised by whom regbot took (a shared @username). */
export type TargetPerson = { ok: true; userId: number; name: string; notice?: string } | { ok: false; problem: string };

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
    if (entity.type === "text_mention" && !entity.user.is_bot)
      return { ok: true, userId: entity.user.id, name: displayName(entity.user) };
    if (entity.type === "mention") {
      const username = text.slice(entity.offset + 1, entity.offset + entity.length);
      const found = await ctx.deps.people.findByUsername(chat.id, username);
      if (found === undefined) return { ok: false, problem: ctx.t("role-unknown-username", { username, command }) };
      const { person, sharedBy } = found;
      if (person.isBot) return { ok: false, problem: ctx.t("role-not-for-bots") };
      const name = personName(person, person.userId);
      if (sharedBy === 1) return { ok: true, userId: person.userId, name };
      const notice = ctx.t("role-username-shared", {
        count: sharedBy,
        username,
        name,
        id: String(person.userId),
        command,
      });
      return { ok: true, userId: person.userId, name, notice };
    }
  }
  if (replied?.is_bot) return { ok: false, problem: ctx.t("role-not-for-bots") };
  return { ok: false, problem: ctx.t("role-whom", { command }) };
}

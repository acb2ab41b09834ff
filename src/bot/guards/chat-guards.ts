import type { Chat } from "../../db/chat-repository.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { isIdentifiablePerson, personName } from "../format/people.js";

/**
 * The chat, when the sender may change its regulation and roles (a specialist, writing as
 * themselves); otherwise says who can, and returns undefined. `managerReads`: what is only read
 * (a diagnosis), the manager on the specialist's side may too.
 */
export async function specialistChat(
  ctx: BotContext,
  { managerReads = false }: { managerReads?: boolean } = {},
): Promise<Chat | undefined> {
  const { chats, people, roles, outbox } = ctx.deps;
  const chat = ctx.chat === undefined ? undefined : await chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return undefined;
  if (ctx.msg?.sender_chat !== undefined || !isIdentifiablePerson(ctx.from)) {
    await outbox.post([groupReply(ctx, chat.id, "refusal", ctx.t("anonymous-cannot-act"))]);
    return undefined;
  }
  const specialists = await roles.usersWithRole(chat.id, "specialist");
  if (specialists.includes(ctx.from.id)) return chat;
  if (managerReads && (await roles.roleOf(chat.id, ctx.from.id)) === "manager") return chat;
  const names = await Promise.all(
    specialists.map(async (userId) => personName(await people.find(chat.id, userId), userId)),
  );
  const refusal =
    names.length === 0 ? ctx.t("only-specialists-none") : ctx.t("only-specialists", { names: names.join(", ") });
  await outbox.post([groupReply(ctx, chat.id, "refusal", refusal)]);
  return undefined;
}

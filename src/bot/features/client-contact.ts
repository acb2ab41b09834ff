import { Context } from "grammy";
import { DateTime } from "luxon";
import type { Chat } from "../../db/chat-repository.js";
import { regulationOf } from "../shared/chat-regulation.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { displayName, isIdentifiablePerson, personName } from "../format/people.js";
import { revokeRole } from "../shared/role-change.js";
import { isCommand } from "../shared/message-kinds.js";
import { narrow } from "../middleware/narrow.js";
import { Feature } from "../feature.js";

/**
 * The one authorised client contact: when they leave, everyone hears it and the specialists
 * are asked for a new one; anyone else on the client's side is reminded, at most once a day,
 * that requests go through the contact.
 */
const feature = new Feature();
const inGroup = narrow(feature, Context.has.chatType(["group", "supergroup"]));

narrow(inGroup, Context.has.filterQuery("message:left_chat_member"), async (ctx, next) => {
  await contactLeft(ctx, ctx.message.left_chat_member.id);
  await next();
});

narrow(inGroup, Context.has.filterQuery("chat_member"), async (ctx, next) => {
  const status = ctx.chatMember.new_chat_member.status;
  if (status === "left" || status === "kicked") await contactLeft(ctx, ctx.chatMember.new_chat_member.user.id);
  await next();
});

narrow(inGroup, Context.has.filterQuery("message"), async (ctx, next) => {
  const sender = ctx.from;
  if (
    isCommand(ctx.message) ||
    ctx.message.left_chat_member ||
    ctx.message.new_chat_members ||
    ctx.message.sender_chat ||
    !isIdentifiablePerson(sender)
  )
    return next();
  const { chats, roles, people } = ctx.deps;
  const chat = await chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined || (await roles.roleOf(chat.id, sender.id)) !== undefined) return next();
  const [contactId] = await roles.usersWithRole(chat.id, "client");
  if (contactId === undefined) return next();
  const contact = personName(await people.find(chat.id, contactId), contactId);
  const reminder = groupReply(
    ctx,
    chat.id,
    "redirect",
    ctx.t("redirect-to-contact", { name: displayName(sender), contact }),
  );
  await ctx.deps.outbox.post([
    { ...reminder, priority: "low", dedupeKey: `redirect:${chat.id}:${sender.id}:${await localDate(ctx, chat)}` },
  ]);
  await next();
});

async function contactLeft(ctx: BotContext, userId: number): Promise<void> {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat!.id);
  if (chat === undefined || (await ctx.deps.roles.roleOf(chat.id, userId)) !== "client") return;
  const name = personName(await ctx.deps.people.find(chat.id, userId), userId);
  await revokeRole(ctx, chat, userId, "left the chat");
  await ctx.deps.outbox.post([groupReply(ctx, chat.id, "contact-left", ctx.t("contact-left", { name }))]);
}

/** "Once a day" is the chat's own day, in its time zone. */
async function localDate(ctx: BotContext, chat: Chat): Promise<string> {
  const { regulation } = await regulationOf(ctx.deps, chat);
  return DateTime.fromMillis(ctx.deps.clock(), { zone: regulation.timezone }).toISODate()!;
}

export { feature as clientContactFeature };

import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { displayName, isIdentifiablePerson } from "../people.js";

/**
 * When nobody knows who added regbot (an anonymous admin, an invite link), the first
 * non-anonymous administrator to send /claim becomes the chat's specialist.
 */
const composer = new Composer<BotContext>();
const inGroup = composer.chatType(["group", "supergroup"]);

inGroup.command("claim", async (ctx) => {
  const { chats, clock } = ctx.deps;
  const chat = await chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  if ((await chats.usersWithRole(chat.id, "specialist")).length > 0) {
    await ctx.reply(ctx.t("claim-already"), replyTo(ctx.msg.message_id));
    return;
  }
  const sender = ctx.from;
  const member = isIdentifiablePerson(sender) ? await ctx.getChatMember(sender.id) : undefined;
  if (sender === undefined || member === undefined || (member.status !== "administrator" && member.status !== "creator")) {
    await ctx.reply(ctx.t("claim-not-admin"), replyTo(ctx.msg.message_id));
    return;
  }
  await chats.grantRole(chat.id, sender.id, "specialist", clock());
  await ctx.reply(ctx.t("claim-done", { name: displayName(sender) }), replyTo(ctx.msg.message_id));
});

function replyTo(messageId: number) {
  return { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } };
}

export { composer as specialistClaimFeature };

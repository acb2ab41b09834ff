import { groupReply } from "../format/group-reply.js";
import { displayName, isIdentifiablePerson } from "../format/people.js";
import { grantRole } from "../shared/role-change.js";
import { Feature } from "../feature.js";

/**
 * When nobody knows who added regbot (an anonymous admin, an invite link), the first
 * non-anonymous administrator to send /claim becomes the chat's specialist.
 */
const feature = new Feature();
const inGroup = feature.inGroups;

inGroup.command("claim", async (ctx) => {
  const { chats, roles } = ctx.deps;
  const chat = await chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  if ((await roles.usersWithRole(chat.id, "specialist")).length > 0) {
    await ctx.deps.outbox.post([groupReply(ctx, chat.id, "claim", ctx.t("claim-already"))]);
    return;
  }
  const sender = ctx.from;
  const member = isIdentifiablePerson(sender) ? await ctx.getChatMember(sender.id) : undefined;
  if (
    sender === undefined ||
    member === undefined ||
    (member.status !== "administrator" && member.status !== "creator")
  ) {
    await ctx.deps.outbox.post([groupReply(ctx, chat.id, "claim", ctx.t("claim-not-admin"))]);
    return;
  }
  await grantRole(ctx, chat, sender.id, "specialist");
  await ctx.deps.outbox.post([groupReply(ctx, chat.id, "claim", ctx.t("claim-done", { name: displayName(sender) }))]);
});

export { feature as specialistClaimFeature };

import { groupReply } from "../format/group-reply.js";
import { Feature } from "../feature.js";

/** `/help`: what the person asking may do here, by their role. */
const feature = new Feature();

feature.inPrivate.command("help", (ctx) => ctx.reply(ctx.t("help-private")));

feature.inGroups.command("help", async (ctx) => {
  const { chats, roles } = ctx.deps;
  const chat = await chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const specialists = await roles.usersWithRole(chat.id, "specialist");
  const sections = [ctx.t("help-everyone"), ctx.t("help-plan"), ctx.t("help-calls"), ctx.t("help-contract")];
  if (ctx.from !== undefined && specialists.includes(ctx.from.id)) sections.push(ctx.t("help-specialist"));
  if (specialists.length === 0) sections.push(ctx.t("help-claim"));
  await ctx.deps.outbox.post([groupReply(ctx, chat.id, "help", sections.join("\n\n"))]);
});

export { feature as helpFeature };

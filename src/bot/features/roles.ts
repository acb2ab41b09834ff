import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { specialistChat } from "../guards/chat-guards.js";
import { displayName, personName } from "../format/people.js";
import { grantRole, revokeRole, roleChange } from "../shared/role-change.js";
import { targetPerson } from "../shared/target-person.js";
import { scheduleManagerSummary } from "../../scheduler/jobs/manager-jobs.js";
import { Feature } from "../feature.js";

/**
 * Who is who: specialists name other specialists and observers directly; the client contact
 * and the manager on the specialist's side are named by a specialist and confirmed by that
 * person with a button, so both agreed.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const CONFIRM_CLIENT = /^client:(\d+)$/;

for (const role of ["specialist", "observer"] as const) {
  inGroup.command(role, async (ctx) => {
    const chat = await specialistChat(ctx);
    if (chat === undefined) return;
    const target = await targetPerson(ctx, chat, `/${role}`);
    if (!target.ok) return say(ctx, chat, target.problem);
    const changed = await grantRole(ctx, chat, target.userId, role);
    await say(
      ctx,
      chat,
      withNotice(
        ctx.t(changed ? `role-granted-${role}` : "role-already", { name: target.name, by: displayName(ctx.from!) }),
        target,
      ),
    );
  });
}

for (const role of ["client", "manager"] as const) {
  inGroup.command(role, async (ctx) => {
    const chat = await specialistChat(ctx);
    if (chat === undefined) return;
    const target = await targetPerson(ctx, chat, `/${role}`);
    if (!target.ok) return say(ctx, chat, target.problem);
    if ((await ctx.deps.roles.roleOf(chat.id, target.userId)) === role)
      return say(ctx, chat, withNotice(ctx.t("role-already", { name: target.name }), target));
    const nomination = await ctx.deps.roles.nominate(
      chat.id,
      target.userId,
      role,
      ctx.from!.id,
      ctx.deps.clock(),
      `update:${ctx.updateKey}`,
    );
    await ctx.deps.outbox.post([
      {
        ...groupReply(
          ctx,
          chat.id,
          "nomination",
          withNotice(ctx.t(`${role}-nominated`, { name: target.name, by: displayName(ctx.from!) }), target),
        ),
        replyMarkup: new InlineKeyboard().text(ctx.t(`${role}-confirm-button`), `client:${nomination}`),
      },
    ]);
  });
}

inGroup.command("unassign", async (ctx) => {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const target = await targetPerson(ctx, chat, "/unassign");
  if (!target.ok) return say(ctx, chat, target.problem);
  const role = await ctx.deps.roles.roleOf(chat.id, target.userId);
  if (role === undefined) return say(ctx, chat, withNotice(ctx.t("role-none", { name: target.name }), target));
  if (role === "specialist" && (await ctx.deps.roles.usersWithRole(chat.id, "specialist")).length === 1) {
    return say(ctx, chat, ctx.t("role-last-specialist", { name: target.name }));
  }
  await revokeRole(ctx, chat, target.userId, "unassigned");
  await say(
    ctx,
    chat,
    withNotice(ctx.t(`role-revoked-${role}`, { name: target.name, by: displayName(ctx.from!) }), target),
  );
});

inGroup.callbackQuery(CONFIRM_CLIENT, async (ctx) => {
  const { roles, chats } = ctx.deps;
  const nomination = await roles.pendingNomination(Number(ctx.match[1]));
  const chat = await chats.findByTelegramId(ctx.chat.id);
  if (nomination === undefined || chat === undefined || nomination.chatId !== chat.id) {
    return void (await ctx.answerCallbackQuery({ text: ctx.t("client-nomination-stale"), show_alert: true }));
  }
  if (nomination.userId !== ctx.from.id) {
    const nominee = personName(await ctx.deps.people.find(chat.id, nomination.userId), nomination.userId);
    return void (await ctx.answerCallbackQuery({
      text: ctx.t("client-confirm-only", { name: nominee }),
      show_alert: true,
    }));
  }
  await roles.confirmNomination(
    nomination,
    roleChange(ctx, chat, ctx.from.id, { action: "grant", role: nomination.role }),
  );
  await ctx.answerCallbackQuery({ text: ctx.t("client-confirmed-short") });
  await say(ctx, chat, ctx.t(`${nomination.role}-confirmed`, { name: displayName(ctx.from) }));
  if (nomination.role === "manager")
    await scheduleManagerSummary({ ...ctx.deps, repositories: ctx.deps }, ctx.from.id, ctx.deps.clock());
});

/** The reply, then which of several people regbot took, when that was not obvious. */
function withNotice(text: string, target: { notice?: string }): string {
  return target.notice === undefined ? text : `${text}\n\n${target.notice}`;
}

function say(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "roles", text)]);
}

export { feature as rolesFeature };

import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import { FOLLOWING_ROLES } from "../../db/roles-repository.js";
import { byAttention } from "../../domain/status/attention.js";
import { acknowledgeDigest } from "../actions/acknowledge-digest.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { digestMessage, DIGEST_ACK } from "../../scheduler/jobs/digest-jobs.js";
import { displayName } from "../format/people.js";
import { chatStatus, describeStatus, type StatusDeps } from "../status/chat-status.js";
import { Feature } from "../feature.js";

/**
 * "What's the status?": `/status` and `/digest` for anyone in a group, `/chats` privately for
 * whoever follows a chat (a specialist, the client contact, an observer, read-only: only the
 * chats they follow), and the digest's acknowledgement button.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const inPrivate = feature.inPrivate;

const SHOW_CHAT = /^st:(\d+)$/;

inGroup.command("status", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const deps = statusDeps(ctx);
  const status = await chatStatus(deps, chat, ctx.deps.clock());
  // Groups get no web_app buttons: a link opens the bot's main Mini App on this chat instead.
  const link =
    ctx.deps.webAppUrl === undefined
      ? []
      : [ctx.t("webapp-status-link", { link: `https://t.me/${ctx.me.username}?startapp=${chat.id}` })];
  await ctx.deps.outbox.post([
    groupReply(ctx, chat.id, "status", [describeStatus(deps.translate, status), ...link].join("\n\n")),
  ]);
});

inGroup.command("digest", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const reply = groupReply(ctx, chat.id, "digest", "");
  const message = await digestMessage(statusDeps(ctx), chat, ctx.deps.clock(), `u${ctx.updateKey}`, reply.dedupeKey!);
  await ctx.deps.outbox.post([
    {
      ...message,
      to: reply.to,
      ...(reply.replyToMessageId === undefined ? {} : { replyToMessageId: reply.replyToMessageId }),
    },
  ]);
});

inGroup.callbackQuery(DIGEST_ACK, async (ctx) => {
  const { chats, clock } = ctx.deps;
  const chat = await chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined || chat.id !== Number(ctx.match[1])) return void (await ctx.answerCallbackQuery());
  const pressedOn = ctx.callbackQuery.message?.message_id;
  const outcome = await acknowledgeDigest(
    { repositories: ctx.deps, now: clock() },
    chat,
    ctx.from.id,
    ctx.match[2]!,
    pressedOn ?? null,
  );
  if (outcome === "not-a-party")
    return void (await ctx.answerCallbackQuery({ text: ctx.t("digest-ack-only"), show_alert: true }));
  if (outcome === "unknown-digest") {
    ctx.deps.logger.warn(
      { chatId: chat.id, digest: ctx.match[2], by: ctx.from.id },
      "acknowledgement of a digest that was never sent: refused",
    );
    return void (await ctx.answerCallbackQuery({ text: ctx.t("digest-ack-unknown"), show_alert: true }));
  }
  await ctx.answerCallbackQuery({
    text: ctx.t(outcome === "acknowledged" ? "digest-acknowledged" : "digest-ack-already", {
      name: displayName(ctx.from),
    }),
  });
});

inPrivate.command("chats", async (ctx) => {
  const mine = await myChats(ctx);
  if (mine.length === 0) return void (await ctx.reply(ctx.t("chats-none")));
  const { webAppUrl } = ctx.deps;
  const keyboard = new InlineKeyboard([
    ...(webAppUrl === undefined ? [] : [[InlineKeyboard.webApp(ctx.t("webapp-open-button"), webAppUrl)]]),
    ...mine.map(({ chat, label }) => [InlineKeyboard.text(label, `st:${chat.id}`)]),
  ]);
  await ctx.reply(ctx.t("chats-title"), { reply_markup: keyboard });
});

inPrivate.callbackQuery(SHOW_CHAT, async (ctx) => {
  const chat = await ctx.deps.chats.findById(Number(ctx.match[1]));
  const role = chat === undefined ? undefined : await ctx.deps.roles.roleOf(chat.id, ctx.from.id);
  if (chat === undefined || !chat.active || !FOLLOWING_ROLES.some((following) => following === role)) {
    return void (await ctx.answerCallbackQuery({ text: ctx.t("chats-not-yours"), show_alert: true }));
  }
  await ctx.answerCallbackQuery();
  const deps = statusDeps(ctx);
  await ctx.reply(describeStatus(deps.translate, await chatStatus(deps, chat, ctx.deps.clock())));
});

/** The person's chats, what needs attention first, each labelled with what it owes. */
async function myChats(ctx: BotContext): Promise<Array<{ chat: Chat; label: string }>> {
  const now = ctx.deps.clock();
  const deps = statusDeps(ctx);
  const rows = [];
  for (const { chatId } of await ctx.deps.status.chatsOf(ctx.from!.id)) {
    const chat = await ctx.deps.chats.findById(chatId);
    if (chat === undefined) continue;
    const status = await chatStatus(deps, chat, now);
    const waitingDueAt = status.waiting?.dueAt;
    const title = chat.title ?? String(chat.telegramChatId);
    const flags = [
      ...(status.statistics.breached > 0 ? [ctx.t("chats-breached", { count: status.statistics.breached })] : []),
      ...(waitingDueAt !== undefined && waitingDueAt >= now ? [ctx.t("chats-waiting")] : []),
    ];
    rows.push({
      chat,
      title,
      breached: status.statistics.breached,
      ...(waitingDueAt === undefined ? {} : { waitingDueAt }),
      label: [title, ...flags].join(" · "),
    });
  }
  return rows.sort(byAttention(now));
}

function statusDeps(ctx: BotContext): StatusDeps {
  const { deps } = ctx;
  return {
    repositories: deps,
    translate: (language, key, variables) => deps.i18n.t(language, key, variables),
    defaultLanguage: deps.defaultLanguage,
    defaultTimezone: deps.defaultTimezone,
  };
}

export { feature as statusFeature };

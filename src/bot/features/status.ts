import { GrammyError } from "grammy";
import { FOLLOWING_ROLES } from "../../db/roles-repository.js";
import { acknowledgeDigest } from "../actions/acknowledge-digest.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { digestMessage, DIGEST_ACK } from "../../scheduler/jobs/digest-jobs.js";
import { displayName } from "../format/people.js";
import { chatStatus, describeStatus, type StatusDeps } from "../status/chat-status.js";
import { CHATS_PAGE, chatListPage } from "../status/chat-list-page.js";
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
  const first = await chatListPage(ctx, ctx.from.id, 0);
  if (first === undefined) return void (await ctx.reply(ctx.t("chats-none")));
  await ctx.reply(first.text, { reply_markup: first.keyboard });
});

inPrivate.callbackQuery(CHATS_PAGE, async (ctx) => {
  const wanted = Number(ctx.match[1]);
  const shown = await chatListPage(ctx, ctx.from.id, wanted);
  if (shown === undefined)
    return void (await ctx.answerCallbackQuery({ text: ctx.t("chats-none-now"), show_alert: true }));
  // A press from an older list (or made up) gets the last page there is, and is told so.
  await ctx.answerCallbackQuery(
    shown.page === wanted ? {} : { text: ctx.t("chats-page-moved", { page: shown.page + 1 }), show_alert: true },
  );
  await ctx.editMessageText(shown.text, { reply_markup: shown.keyboard }).catch((error: unknown) => {
    // Pressed twice: the message already shows that page, which Telegram refuses to "change".
    if (!(error instanceof GrammyError && error.description.includes("message is not modified"))) throw error;
  });
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

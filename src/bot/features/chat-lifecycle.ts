import { Composer, Context } from "grammy";
import type { ChatMember, ChatMemberUpdated, User } from "grammy/types";
import type { Chat } from "../../db/chat-repository.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../group-reply.js";
import { supportedLanguage } from "../i18n.js";
import { displayName, isIdentifiablePerson } from "../people.js";
import { grantRole } from "../role-change.js";
import { scheduleDigest } from "../jobs/digest-jobs.js";
import { startCheckpoints } from "./checkpoints.js";
import { narrow } from "../narrow.js";

/**
 * regbot's own membership in a group: registered when added (the adder becomes the first
 * specialist), marked inactive when removed (nothing is deleted), and watched for whether it
 * can see every message, because an incomplete record must say so.
 */
const composer = new Composer<BotContext>();
// The kind of update first: nearly every update is a message, which this passes at once.
const membership = narrow(composer, Context.has.filterQuery("my_chat_member")).chatType(["group", "supergroup"]);

membership.use(async (ctx) => {
  const update = ctx.myChatMember;
  const chat = await ctx.deps.chats.findByTelegramId(update.chat.id);
  if (chat === undefined) return;
  if (!isPresent(update.new_chat_member)) {
    await ctx.deps.chats.setActive(chat.id, false);
    ctx.deps.logger.info({ chatId: chat.id }, "removed from chat; history kept");
    return;
  }
  const seesAll = canSeeAllMessages(update.new_chat_member, ctx.me.can_read_all_group_messages);
  const joined = !isPresent(update.old_chat_member);
  const changed = joined || chat.seesAllMessages !== seesAll;
  if (changed) await recordVisibility(ctx, chat.id, seesAll, update);
  const messages = joined ? [await welcome(ctx, chat, update.from)] : [];
  if (changed && !seesAll) messages.push(groupReply(ctx, chat.id, "visibility", ctx.t("privacy-warning")));
  if (changed && seesAll && !joined) messages.push(groupReply(ctx, chat.id, "visibility", ctx.t("visibility-restored")));
  await ctx.deps.outbox.post(messages);
  if (joined) await startCheckpoints(ctx, chat);
});

async function welcome(ctx: BotContext, chat: Chat, adder: User): Promise<OutgoingMessage> {
  const { chats, logger } = ctx.deps;
  await chats.setActive(chat.id, true);
  const language = supportedLanguage(adder.language_code) ?? ctx.deps.defaultLanguage;
  await chats.setLanguage(chat.id, language);
  await scheduleDigest({ ...ctx.deps, repositories: ctx.deps }, { ...chat, active: true }, ctx.deps.clock());
  ctx.i18n.useLocale(language);
  const knownAdder = isIdentifiablePerson(adder);
  if (knownAdder) await grantRole(ctx, chat, adder.id, "specialist");
  logger.info({ chatId: chat.id, specialistKnown: knownAdder }, "added to chat");
  const roleLine = knownAdder ? ctx.t("intro-specialist", { name: displayName(adder) }) : ctx.t("intro-claim");
  return groupReply(ctx, chat.id, "intro", `${ctx.t("intro")}\n\n${roleLine}`);
}

/** Every join and every change of what regbot can see is an event in the log. */
async function recordVisibility(ctx: BotContext, chatId: number, seesAll: boolean, update: ChatMemberUpdated): Promise<void> {
  const { chats, correspondence, clock } = ctx.deps;
  await chats.setSeesAllMessages(chatId, seesAll);
  await correspondence.append(
    [
      {
        chat: { telegramChatId: update.chat.id, type: update.chat.type as "group" | "supergroup" },
        kind: "coverage",
        source: `coverage:${ctx.update.update_id}`,
        telegramDate: update.date,
        payload: { complete: seesAll, reason: seesAll ? "reads_all_messages" : "privacy_mode_without_admin_rights" },
      },
    ],
    clock(),
  );
}

function isPresent(member: ChatMember): boolean {
  return member.status === "member" || member.status === "administrator" || member.status === "creator" || (member.status === "restricted" && member.is_member);
}

/** Privacy mode hides ordinary messages from bots that are not administrators. */
function canSeeAllMessages(member: ChatMember, readsAllByDefault: boolean): boolean {
  return member.status === "administrator" || readsAllByDefault;
}

export { composer as chatLifecycleFeature };

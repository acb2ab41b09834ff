import { Context } from "grammy";
import type { ChatMember, ChatMemberUpdated } from "grammy/types";
import type { Chat, ChatJoin } from "../../db/chat-repository.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { supportedLanguage } from "../middleware/i18n.js";
import { displayName, isIdentifiablePerson } from "../format/people.js";
import { grantRole } from "../shared/role-change.js";
import { scheduleDigest } from "../../scheduler/jobs/digest-jobs.js";
import { startCheckpoints } from "./checkpoints.js";
import { narrow } from "../middleware/narrow.js";
import { regulationOf } from "../shared/chat-regulation.js";
import { scheduleMonthlyRating } from "../../scheduler/jobs/rating-jobs.js";
import { formatElapsed, formatLocalTime } from "../format/format-time.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { Feature } from "../feature.js";

/**
 * regbot's own membership in a group: registered when added (the adder becomes the first
 * specialist), marked inactive when removed (nothing is deleted, and what comes due is held for
 * its return: see `JobRepository.claimDue`), and watched for whether it
 * can see every message, because an incomplete record must say so. Added again, it returns to
 * the chat as it was: whoever adds it gains nothing while the chat has a specialist.
 */
const feature = new Feature();
// The kind of update first: nearly every update is a message, which this passes at once.
const membership = narrow(feature, Context.has.filterQuery("my_chat_member")).chatType(["group", "supergroup"]);

membership.use(async (ctx) => {
  const update = ctx.myChatMember;
  const chat = await ctx.deps.chats.findByTelegramId(update.chat.id);
  if (chat === undefined) return;
  if (!isPresent(update.new_chat_member)) {
    await ctx.deps.chats.markRemoved(chat.id, update.date * 1000);
    ctx.logger.info({ chatId: chat.id }, "removed from chat; history kept");
    return;
  }
  const seesAll = canSeeAllMessages(update.new_chat_member, ctx.me.can_read_all_group_messages);
  const join = isPresent(update.old_chat_member) ? undefined : await decideJoin(ctx, chat);
  const joined = join !== undefined;
  const changed = joined || chat.seesAllMessages !== seesAll;
  if (changed) await recordVisibility(ctx, chat, seesAll, update, join);
  const messages = joined ? [await greet(ctx, chat, update, join)] : [];
  if (changed && !seesAll) messages.push(groupReply(ctx, chat.id, "visibility", ctx.t("privacy-warning")));
  if (changed && seesAll && !joined)
    messages.push(groupReply(ctx, chat.id, "visibility", ctx.t("visibility-restored")));
  await ctx.deps.outbox.post(messages);
  if (joined) await startCheckpoints(ctx, chat);
});

/**
 * Decided first, from the chat as it was before this update, and kept: what the join then stores
 * (the language, the adder's role, the end of the absence) cannot turn a first join handled again
 * after a crash into a return, or make a return forget its gap.
 */
async function decideJoin(ctx: BotContext, chat: Chat): Promise<ChatJoin> {
  const { chats, roles } = ctx.deps;
  return chats.decideJoin({
    updateKey: ctx.updateKey,
    chatId: chat.id,
    // Only a join that greeted sets the chat's language.
    isReturn: chat.language !== null,
    awayFrom: chat.removedAt,
    hadSpecialist: (await roles.usersWithRole(chat.id, "specialist")).length > 0,
  });
}

/** The first join introduces regbot; a later one announces its return and the gap it left. */
async function greet(ctx: BotContext, chat: Chat, update: ChatMemberUpdated, join: ChatJoin): Promise<OutgoingMessage> {
  const { chats } = ctx.deps;
  const adder = update.from;
  const returning = join.isReturn;
  await chats.markPresent(chat.id);
  // The adder's language is the chat's only until a regulation exists: its language is the one truth afterwards.
  const language = chat.language ?? supportedLanguage(adder.language_code) ?? ctx.deps.defaultLanguage;
  if (!returning) await chats.setLanguage(chat.id, language);
  // What came due while regbot was away runs now; the digest and checkpoints below keep their weekday and time.
  if (returning) await ctx.deps.jobs.releaseHeld(chat.id);
  const present = { ...chat, active: true, language };
  await scheduleDigest({ ...ctx.deps, repositories: ctx.deps }, present, ctx.deps.clock());
  await scheduleMonthlyRating({ ...ctx.deps, repositories: ctx.deps }, present, ctx.deps.clock());
  const regulation = (await regulationOf(ctx.deps, present)).regulation;
  ctx.i18n.useLocale(regulation.language);
  // As /claim: only a chat without any specialist gives the role, and only to a person it can name.
  const hasSpecialist = join.hadSpecialist;
  const knownAdder = !hasSpecialist && isIdentifiablePerson(adder);
  if (knownAdder) await grantRole(ctx, chat, adder.id, "specialist");
  ctx.logger.info(
    { chatId: chat.id, returning, specialistKnown: hasSpecialist || knownAdder },
    returning ? "added to chat again" : "added to chat",
  );
  const roleLine = hasSpecialist
    ? []
    : [knownAdder ? ctx.t("intro-specialist", { name: displayName(adder) }) : ctx.t("intro-claim")];
  const opening = returning ? returnNotice(ctx, join, update, regulation) : ctx.t("intro");
  return groupReply(ctx, chat.id, "intro", [opening, ...roleLine].join("\n\n"));
}

/** Who added regbot back, and the time it was away, which the record cannot cover. */
function returnNotice(
  ctx: BotContext,
  { awayFrom }: ChatJoin,
  update: ChatMemberUpdated,
  { timezone, language }: Regulation,
): string {
  const name = displayName(update.from);
  const back = update.date * 1000;
  if (awayFrom === null) return ctx.t("regbot-returned-gap-unknown", { name });
  const from = formatLocalTime(awayFrom, timezone, language);
  return ctx.t("regbot-returned", {
    name,
    from,
    to: formatLocalTime(back, timezone, language),
    away: formatElapsed(back - awayFrom, language),
  });
}

/** Every join and every change of what regbot can see is an event in the log. */
async function recordVisibility(
  ctx: BotContext,
  chat: Chat,
  seesAll: boolean,
  update: ChatMemberUpdated,
  join: ChatJoin | undefined,
): Promise<void> {
  const { chats, correspondence, clock } = ctx.deps;
  await chats.setSeesAllMessages(chat.id, seesAll);
  const absence = join?.awayFrom == null ? {} : { absent: { from: join.awayFrom, to: update.date * 1000 } };
  await correspondence.append(
    [
      {
        chat: { telegramChatId: update.chat.id, type: update.chat.type as "group" | "supergroup" },
        kind: "coverage",
        source: `coverage:${ctx.updateKey}`,
        telegramDate: update.date,
        payload: {
          complete: seesAll,
          reason: seesAll ? "reads_all_messages" : "privacy_mode_without_admin_rights",
          ...absence,
        },
      },
    ],
    clock(),
  );
}

function isPresent(member: ChatMember): boolean {
  return (
    member.status === "member" ||
    member.status === "administrator" ||
    member.status === "creator" ||
    (member.status === "restricted" && member.is_member)
  );
}

/** Privacy mode hides ordinary messages from bots that are not administrators. */
function canSeeAllMessages(member: ChatMember, readsAllByDefault: boolean): boolean {
  return member.status === "administrator" || readsAllByDefault;
}

export { feature as chatLifecycleFeature };

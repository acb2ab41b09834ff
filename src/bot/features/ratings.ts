import type { Message } from "grammy/types";
import type { Chat } from "../../db/chat-repository.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { Rating } from "../../db/rating-repository.js";
import { isLowRating, RATING_COMMENT_WINDOW_MS } from "../../domain/ratings/rating-rules.js";
import type { BotContext, StartRoute } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { personName } from "../format/people.js";
import { Feature } from "../feature.js";
import { commandsAndButtons } from "../middleware/commands-and-buttons.js";
import { narrow } from "../middleware/narrow.js";
import { regulationOf } from "../shared/chat-regulation.js";
import { isCommand } from "../shared/message-kinds.js";
import { occasionText, RATE, ratingEvent } from "../shared/rating-request.js";
import { noticeToPeople } from "../../scheduler/jobs/notify-specialists.js";

/**
 * The client contact's rating of the work: a score button under the ask (privately, or in the
 * group when they never started regbot), then an optional comment — in private their next
 * message, in the group a reply to the ask. Only the contact asked may rate; a rating of 3 or
 * less, and a comment on it, reach the specialists and the manager privately at once.
 */
const feature = new Feature();

/** The deep link that opens a low rating privately: `rating-<id>`. */
const RATING_LINK_PREFIX = "rating-";

commandsAndButtons(feature).callbackQuery(RATE, async (ctx) => {
  const { ratings, clock } = ctx.deps;
  const rating = await ratings.find(Number(ctx.match[1]));
  const score = Number(ctx.match[2]);
  const found = rating === undefined ? undefined : await ratingChat(ctx, rating);
  const pressedOn = ctx.callbackQuery.message;
  if (rating === undefined || found === undefined || pressedOn === undefined || !isAskedIn(found.chat, pressedOn))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("rating-gone"), show_alert: true }));
  const { chat } = found;
  if (!(await isTheClientAsked(ctx, chat, rating)))
    return void (await ctx.answerCallbackQuery({ text: await onlyClientText(ctx, chat, rating), show_alert: true }));
  const at = clock();
  const rated =
    rating.score === null &&
    (await ratings.rate(
      rating.id,
      { score, at, messageChatId: pressedOn.chat.id, messageId: pressedOn.message_id },
      ratingEvent(chat, rating.id, { event: "rated", score, by: ctx.from.id }),
      isLowRating(score) ? await lowRatingNotices(ctx, chat, rating, score) : [],
    ));
  if (!rated) {
    const given = (await ratings.find(rating.id))?.score ?? score;
    return void (await ctx.answerCallbackQuery({ text: ctx.t("rating-already", { score: given }), show_alert: true }));
  }
  // The notices of a low rating were queued with the score: they leave now, not at the sender's next look.
  ctx.deps.outbox.wake();
  await ctx.answerCallbackQuery({ text: ctx.t("rating-thanks-short") });
  const name = await clientName(ctx, chat, rating);
  await ctx.editMessageText(
    pressedOn.chat.type === "private"
      ? ctx.t("rating-thanks-private", { chat: chat.title ?? "", score })
      : ctx.t("rating-thanks-group", { name, score }),
  );
});

// In private, the client's next message after rating is the comment; a setup in progress has taken it before.
narrow(feature, isPrivateText, async (ctx, next) => {
  const { ratings, clock } = ctx.deps;
  const rating = await ratings.commentAwaitedInPrivate(ctx.from.id, clock() - RATING_COMMENT_WINDOW_MS);
  const found = rating === undefined ? undefined : await ratingChat(ctx, rating);
  if (rating === undefined || found === undefined) return next();
  if (await recordComment(ctx, found.chat, rating, ctx.msg.text)) await ctx.reply(ctx.t("rating-comment-thanks"));
});

/** In the group, the client's reply to the ask they rated is the comment; the message is the chat's as any other. */
export const ratingRepliesFeature = new Feature();
narrow(ratingRepliesFeature, isReplyToRegbotInGroup, async (ctx, next) => {
  const replied = ctx.msg.reply_to_message;
  const rating = await ctx.deps.ratings.awaitingComment(ctx.chat.id, replied.message_id);
  const found = rating === undefined ? undefined : await ratingChat(ctx, rating);
  if (rating !== undefined && found !== undefined && ctx.from.id === rating.userId) {
    const { chat } = found;
    if (await recordComment(ctx, chat, rating, ctx.msg.text)) {
      const text = ctx.t("rating-comment-thanks-group", { name: await clientName(ctx, chat, rating) });
      await ctx.deps.outbox.post([{ ...groupReply(ctx, chat.id, "rating-comment", text), priority: "low" }]);
    }
  }
  await next();
});

/** Logs the first comment, and sends it on with a low rating; false when the rating already had one. */
async function recordComment(ctx: BotContext, chat: Chat, rating: Rating, text: string): Promise<boolean> {
  const by = ctx.from!.id;
  const score = rating.score!;
  const notices = isLowRating(score) ? await lowRatingNotices(ctx, chat, rating, score, text) : [];
  const commented = await ctx.deps.ratings.comment(
    rating.id,
    { text, at: ctx.msg!.date * 1000 },
    ratingEvent(chat, rating.id, { event: "commented", comment: text, by }),
    notices,
  );
  if (commented) ctx.deps.outbox.wake();
  return commented;
}

/**
 * Privately to each specialist and the manager: a rating of 3 or less, or the comment on it. One
 * who never started regbot (Telegram forbids writing to them first) is mentioned in the group with
 * a note that says nothing of the rating, and a link that opens a private chat showing it.
 */
async function lowRatingNotices(
  ctx: BotContext,
  chat: Chat,
  rating: Rating,
  score: number,
  comment?: string,
): Promise<OutgoingMessage[]> {
  const { roles } = ctx.deps;
  const told = [
    ...(await roles.usersWithRole(chat.id, "specialist")),
    ...(await roles.usersWithRole(chat.id, "manager")),
  ];
  const link = `https://t.me/${ctx.me.username}?start=${RATING_LINK_PREFIX}${rating.id}`;
  return noticeToPeople(ctx.deps, told, {
    chat,
    regulation: (await regulationOf(ctx.deps, chat)).regulation,
    dedupeKey: `rating:${rating.id}:${comment === undefined ? "low" : "low-comment"}`,
    privateText: await lowRatingText(ctx, chat, rating, score, comment),
    groupText: ctx.t("rating-low-in-group"),
    groupReplyMarkup: { inline_keyboard: [[{ text: ctx.t("rating-low-open-button"), url: link }]] },
  });
}

async function lowRatingText(
  ctx: BotContext,
  chat: Chat,
  rating: Rating,
  score: number,
  comment?: string | null,
): Promise<string> {
  const variables = { chat: chat.title ?? "", client: await clientName(ctx, chat, rating), score };
  return comment === undefined || comment === null
    ? ctx.t("rating-low", {
        ...variables,
        occasion: await occasionText({ repositories: ctx.deps }, ctx.t, rating.source),
      })
    : ctx.t("rating-low-comment", { ...variables, comment });
}

/** `/start rating-<id>`: a specialist or the manager mentioned in the group reads the low rating, with its comment if any. */
export const ratingStartRoute: StartRoute = {
  prefix: RATING_LINK_PREFIX,
  async handle(ctx, argument) {
    const rating = await ctx.deps.ratings.find(Number(argument));
    const found = rating === undefined ? undefined : await ratingChat(ctx, rating);
    if (rating === undefined || found === undefined || rating.score === null || !isLowRating(rating.score))
      return void (await ctx.reply(ctx.t("rating-link-unknown")));
    const role = await ctx.deps.roles.roleOf(found.chat.id, ctx.from!.id);
    if (role !== "specialist" && role !== "manager") return void (await ctx.reply(ctx.t("rating-link-not-yours")));
    const lines = [await lowRatingText(ctx, found.chat, rating, rating.score)];
    if (rating.comment !== null) lines.push(await lowRatingText(ctx, found.chat, rating, rating.score, rating.comment));
    await ctx.reply(lines.join("\n\n"));
  },
};

/** The rating's chat while regbot is in it; everything said about it is in the chat's language. */
async function ratingChat(ctx: BotContext, rating: Rating): Promise<{ chat: Chat } | undefined> {
  const chat = await ctx.deps.chats.findById(rating.chatId);
  if (chat === undefined || !chat.active) return undefined;
  ctx.i18n.useLocale((await regulationOf(ctx.deps, chat)).regulation.language);
  return { chat };
}

/** The ask is the client's private chat's, or the group's. */
function isAskedIn(chat: Chat, message: Pick<Message, "chat">): boolean {
  return message.chat.type === "private" || message.chat.id === chat.telegramChatId;
}

async function isTheClientAsked(ctx: BotContext, chat: Chat, rating: Rating): Promise<boolean> {
  return ctx.from?.id === rating.userId && (await ctx.deps.roles.roleOf(chat.id, rating.userId)) === "client";
}

async function onlyClientText(ctx: BotContext, chat: Chat, rating: Rating): Promise<string> {
  const [clientId] = await ctx.deps.roles.usersWithRole(chat.id, "client");
  return clientId === undefined
    ? ctx.t("rating-gone")
    : ctx.t("rating-only-client", { client: await clientName(ctx, chat, { ...rating, userId: clientId }) });
}

async function clientName(ctx: BotContext, chat: Chat, rating: Pick<Rating, "userId">): Promise<string> {
  return personName(await ctx.deps.people.find(chat.id, rating.userId), rating.userId);
}

type TextMessageContext = BotContext & { from: NonNullable<BotContext["from"]>; msg: Message & { text: string } };

function isPrivateText(ctx: BotContext): ctx is TextMessageContext {
  const message = ctx.message;
  return ctx.chat?.type === "private" && message?.text !== undefined && !isCommand(message) && ctx.from !== undefined;
}

function isReplyToRegbotInGroup(
  ctx: BotContext,
): ctx is TextMessageContext & { chat: { id: number }; msg: { reply_to_message: Message } } {
  const message = ctx.message;
  return (
    message !== undefined &&
    message.chat.type !== "private" &&
    message.text !== undefined &&
    !isCommand(message) &&
    message.sender_chat === undefined &&
    ctx.from !== undefined &&
    message.reply_to_message?.from?.id === ctx.me.id
  );
}

export { feature as ratingsFeature };

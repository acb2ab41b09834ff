import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { dueAfter } from "../../domain/calendar/index.js";
import { businessDaysLate } from "../../domain/obligations/schedule.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { clockStartIn } from "../shared/clock-pauses.js";
import type { BotContext } from "../context.js";
import { formatLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { specialistChat } from "../guards/chat-guards.js";
import { displayName, personName } from "../format/people.js";
import { requestDeadlineJobs, requestJobKeys } from "../../scheduler/jobs/request-jobs.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { Feature } from "../feature.js";

/**
 * Information the client owes: a specialist asks (`/request`), regbot states the deadline from
 * the regulation's `info_deadline`, the client contact marks it provided (`/provided` or the
 * button), and the delay is counted in business days.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const PROVIDED = /^provided:(\d+)$/;

inGroup.command("request", async (ctx) => {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const replied = ctx.msg.reply_to_message;
  const description = ctx.match.trim() || replied?.text || replied?.caption || "";
  if (description === "") return say(ctx, chat, ctx.t("request-needs-text"));
  const { deps } = ctx;
  const askedAt = ctx.msg.date * 1000;
  const rules = await regulationOf(deps, chat, askedAt);
  const calendar = calendarOf(rules);
  // Handled again (after a crash), the same message finds the request it created.
  const request =
    (await deps.obligations.bySource(chat.id, "request", ctx.msg.message_id)) ??
    (await deps.obligations.create(
      {
        chatId: chat.id,
        kind: "request",
        description,
        createdBy: ctx.from!.id,
        createdAt: askedAt,
        sourceMessageId: ctx.msg.message_id,
        dueAt: dueAfter(calendar, await clockStartIn(deps, chat, askedAt), rules.regulation.info_deadline),
      },
      (created) => obligationEvent(chat, created, "created", ctx.from!.id),
    ));
  for (const job of requestDeadlineJobs(calendar, request, askedAt)) await deps.jobs.schedule(job);
  const text = ctx.t("request-created", {
    number: `R${request.number}`,
    what: description,
    client: await clientName(ctx, chat),
    due: formatLocalTime(request.dueAt, rules.regulation.timezone, rules.regulation.language),
  });
  await deps.outbox.post([
    {
      ...groupReply(ctx, chat.id, "request", text),
      replyMarkup: new InlineKeyboard().text(ctx.t("request-provided-button"), `provided:${request.id}`),
    },
  ]);
});

inGroup.command("provided", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const number = /^r?(\d+)$/i.exec(ctx.match.trim())?.[1];
  const request =
    number === undefined ? undefined : await ctx.deps.obligations.byNumber(chat.id, "request", Number(number));
  if (request === undefined) return say(ctx, chat, ctx.t("request-unknown", { given: ctx.match.trim() || "—" }));
  if (!(await markProvided(ctx, chat, request, ctx.msg.date * 1000)))
    await say(ctx, chat, ctx.t("request-provided-only-client"));
});

inGroup.callbackQuery(PROVIDED, async (ctx) => {
  const request = await ctx.deps.obligations.find(Number(ctx.match[1]));
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (request === undefined || chat === undefined || request.chatId !== chat.id)
    return void (await ctx.answerCallbackQuery());
  const done = await markProvided(ctx, chat, request, ctx.deps.clock());
  await ctx.answerCallbackQuery(done ? {} : { text: ctx.t("request-provided-only-client"), show_alert: true });
});

/**
 * The client contact says it is provided (a specialist may confirm it too); the delay is
 * counted. False when the person may not do that (the caller says so in its own way).
 */
async function markProvided(ctx: BotContext, chat: Chat, request: Obligation, providedAt: number): Promise<boolean> {
  const { deps } = ctx;
  const role = await deps.roles.roleOf(chat.id, ctx.from!.id);
  if (role !== "client" && role !== "specialist") return false;
  if (request.state !== "open") {
    await say(ctx, chat, ctx.t("request-already-provided", { number: `R${request.number}` }));
    return true;
  }
  const calendar = calendarOf(await regulationOf(deps, chat, request.createdAt));
  const late = businessDaysLate(calendar, request.dueAt, providedAt);
  const closed = await deps.obligations.close(
    request.id,
    { closedAt: providedAt, closedBy: ctx.from!.id, businessDaysLate: late },
    obligationEvent(chat, request, "provided", ctx.from!.id, { businessDaysLate: late }),
  );
  if (!closed) return true;
  const keys = requestJobKeys(request.id);
  await deps.jobs.cancel(keys.overdue, `${keys.reminder}:0`, `${keys.reminder}:1`);
  const by = displayName(ctx.from!);
  await say(
    ctx,
    chat,
    late === 0
      ? ctx.t("request-provided-on-time", { number: `R${request.number}`, by })
      : ctx.t("request-provided-late", { number: `R${request.number}`, by, days: late }),
  );
  return true;
}

async function clientName(ctx: BotContext, chat: Chat): Promise<string> {
  const [clientId] = await ctx.deps.roles.usersWithRole(chat.id, "client");
  return clientId === undefined
    ? ctx.t("request-no-client")
    : personName(await ctx.deps.people.find(chat.id, clientId), clientId);
}

function say(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "request", text)]);
}

export { feature as infoRequestsFeature };

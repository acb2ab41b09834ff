import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { workStartsAt } from "../../domain/contract/work-start.js";
import { parseHumanDate } from "../../domain/dates/human-date.js";
import { localDay } from "../../domain/dates/zone-formats.js";
import type { BotContext } from "../context.js";
import { formatLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { displayName, isIdentifiablePerson } from "../format/people.js";
import { nameOf, namesOnSide, otherSideOf, sideOf } from "../shared/call-sides.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { Feature } from "../feature.js";

/**
 * The contract's payment: a specialist or the client's contact records it (`/paid`, or
 * `/paid 2026-12-01 bank transfer`), the other side confirms or disputes it with a button, and
 * regbot states when work starts (`work_start` business days after the payment).
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const CONFIRM = /^paid-ok:(\d+)$/;
const DISPUTE = /^paid-no:(\d+)$/;
const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

inGroup.command("paid", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const { deps } = ctx;
  if (ctx.msg.sender_chat !== undefined || !isIdentifiablePerson(ctx.from))
    return say(ctx, chat, ctx.t("anonymous-cannot-act"));
  if ((await sideOf(deps, chat, ctx.from.id)) === undefined) return say(ctx, chat, ctx.t("paid-only-sides"));
  const now = ctx.msg.date * 1000;
  const { regulation } = await regulationOf(deps, chat, now);
  const at = (ms: number) => formatLocalTime(ms, regulation.timezone, regulation.language);
  const argument = ctx.match.trim();
  // A date first says when it was paid; anything else is a note, and the payment is today's.
  const read = (from: number) =>
    parseHumanDate(argument, { now: from, timezone: regulation.timezone, language: regulation.language });
  const first = argument === "" ? undefined : read(now);
  // Dates are read as ones to come; a payment's is past, so a date read as past is read from a year before.
  const named = first?.ok === false && first.error === "past" ? read(now - YEAR_MS) : first;
  // "today" without a time means now; a later date is refused.
  const paidAt =
    named?.ok !== true || (named.time === undefined && sameLocalDay(named.at, now, regulation.timezone))
      ? now
      : named.at;
  if (paidAt > now) return say(ctx, chat, ctx.t("paid-in-future", { paid: at(paidAt) }));
  const note = named?.ok === true ? named.rest : argument;
  const existing = await deps.obligations.bySource(chat.id, "payment", ctx.msg.message_id);
  const pending = (await deps.obligations.open(chat.id, "payment"))[0];
  if (existing === undefined && pending !== undefined) {
    return say(
      ctx,
      chat,
      ctx.t("paid-pending", { by: await nameOf(deps, chat, pending.createdBy), paid: at(pending.dueAt) }),
    );
  }
  // Handling the same command again finds the payment it recorded.
  const payment =
    existing ??
    (await deps.obligations.create(
      {
        chatId: chat.id,
        kind: "payment",
        description: note,
        createdBy: ctx.from.id,
        createdAt: now,
        sourceMessageId: ctx.msg.message_id,
        dueAt: paidAt,
      },
      (created) => obligationEvent(chat, created, "recorded", ctx.from!.id),
    ));
  const confirmerSide = await otherSideOf(deps, chat, ctx.from.id);
  const confirmer =
    (await namesOnSide(deps, chat, confirmerSide)).join(", ") ||
    ctx.t(confirmerSide === "client" ? "call-no-client" : "call-no-specialist");
  const buttons = new InlineKeyboard()
    .text(ctx.t("paid-confirm-button"), `paid-ok:${payment.id}`)
    .text(ctx.t("paid-dispute-button"), `paid-no:${payment.id}`);
  const text = ctx.t("paid-recorded", { by: displayName(ctx.from), paid: at(payment.dueAt), confirmer });
  await deps.outbox.post([{ ...groupReply(ctx, chat.id, "paid", text), replyMarkup: buttons }]);
});

inGroup.callbackQuery(CONFIRM, async (ctx) => {
  const refusal = await judge(ctx, Number(ctx.match[1]), "confirmed");
  await ctx.answerCallbackQuery(refusal === undefined ? {} : { text: refusal, show_alert: true });
});

inGroup.callbackQuery(DISPUTE, async (ctx) => {
  const refusal = await judge(ctx, Number(ctx.match[1]), "disputed");
  await ctx.answerCallbackQuery(refusal === undefined ? {} : { text: refusal, show_alert: true });
});

/** The other side confirms the payment (and hears when work starts) or disputes it; a refusal to show otherwise. */
async function judge(
  ctx: BotContext,
  paymentId: number,
  verdict: "confirmed" | "disputed",
): Promise<string | undefined> {
  const { deps } = ctx;
  const chat = ctx.chat === undefined ? undefined : await deps.chats.findByTelegramId(ctx.chat.id);
  const payment = await deps.obligations.find(paymentId);
  if (chat === undefined || payment === undefined || payment.chatId !== chat.id || payment.kind !== "payment")
    return undefined;
  const by = ctx.from!.id;
  const side = await sideOf(deps, chat, by);
  if (side === undefined) return ctx.t("paid-only-sides");
  const confirmingSide = await otherSideOf(deps, chat, payment.createdBy);
  if (side !== confirmingSide || by === payment.createdBy)
    return ctx.t("paid-confirm-only-other-side", {
      confirmer: (await namesOnSide(deps, chat, confirmingSide)).join(", ") || "—",
    });
  const at = deps.clock();
  const rules = await regulationOf(deps, chat, at);
  const { regulation } = rules;
  const local = (ms: number) => formatLocalTime(ms, regulation.timezone, regulation.language);
  if (verdict === "disputed") {
    const record = obligationEvent(chat, payment, "disputed", by);
    if (
      !(await deps.obligations.changeIn(
        "open",
        payment.id,
        { state: "cancelled", closedAt: at, closedBy: by },
        record,
        at,
      ))
    )
      return ctx.t("paid-not-open");
    await say(
      ctx,
      chat,
      ctx.t("paid-disputed", {
        by: displayName(ctx.from!),
        recorder: await nameOf(deps, chat, payment.createdBy),
        paid: local(payment.dueAt),
      }),
    );
    return undefined;
  }
  const days = regulation.work_start.days;
  const startsAt = workStartsAt(calendarOf(rules), payment.dueAt, days);
  const record = obligationEvent(chat, payment, "confirmed", by, {
    workStartsAt: new Date(startsAt).toISOString(),
    workStartDays: days,
  });
  const change = { state: "done" as const, confirmedAt: at, confirmedBy: by, closedAt: at, closedBy: by };
  if (!(await deps.obligations.changeIn("open", payment.id, change, record, at))) return ctx.t("paid-not-open");
  const beforeStart = (await deps.obligations.open(chat.id, "stage"))
    .filter((stage) => stage.dueAt < startsAt)
    .sort((a, b) => a.dueAt - b.dueAt);
  const lines = [
    ctx.t("paid-confirmed", { by: displayName(ctx.from!), paid: local(payment.dueAt), days, start: local(startsAt) }),
    ...beforeStart.map((stage: Obligation) =>
      ctx.t("paid-stage-before-start", {
        number: `S${stage.number}`,
        title: stage.description,
        due: local(stage.dueAt),
      }),
    ),
  ];
  await say(ctx, chat, lines.join("\n"));
  return undefined;
}

function sameLocalDay(a: number, b: number, timezone: string): boolean {
  return localDay(a, timezone) === localDay(b, timezone);
}

function say(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "paid", text)]);
}

export { feature as paymentFeature };

import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { displayName, isIdentifiablePerson } from "../format/people.js";
import { callNamed, callVariables, namesOnSide, type Side, sideOf } from "../shared/call-sides.js";
import { regulationOf } from "../shared/chat-regulation.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { Feature } from "../feature.js";

/**
 * Missed calls: once a confirmed call's time has passed, either side says it did not happen
 * (`/call missed C1 client`, or the button under the call's reminder and minutes request, which
 * names the other side), the other side confirms or disputes it, and a confirmed one is recorded
 * against the side that missed it, quoting the contract's clause on missed calls.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const REPORT = /^call-missed:(\d+)$/;
const VERDICT = /^call-missed-(ok|no):(\d+)$/;
const SIDE_WORDS: Record<string, Side> = {
  client: "client",
  клиент: "client",
  cliente: "client",
  specialist: "specialist",
  специалист: "specialist",
  especialista: "specialist",
};

/** The button under a call's reminder and its minutes request. */
export function missedCallButton(label: string, callId: number) {
  return { text: label, callback_data: `call-missed:${callId}` };
}

/** `/call missed C1 client`: handled by the calls feature, which owns the /call command. */
export async function reportMissedCommand(ctx: BotContext, chat: Chat, argument: string): Promise<void> {
  const [given = "", who = ""] = argument.trim().split(/\s+/);
  const call = await callNamed(ctx.deps, chat, given);
  if (call === undefined)
    return say(ctx, chat, ctx.t("call-unknown", { given: given || "—", example: "/call missed C1 client" }));
  const side = SIDE_WORDS[who.toLowerCase()];
  if (side === undefined) return say(ctx, chat, ctx.t("call-missed-who", { number: `C${call.number}` }));
  const refusal = await report(ctx, chat, call, side, ctx.msg!.date * 1000);
  if (refusal !== undefined) await say(ctx, chat, refusal);
}

inGroup.callbackQuery(REPORT, async (ctx) => {
  const found = await callOfButton(ctx, Number(ctx.match[1]));
  const reporter = found === undefined ? undefined : await sideOf(ctx.deps, found.chat, ctx.from.id);
  const refusal =
    found === undefined
      ? undefined
      : reporter === undefined
        ? ctx.t("call-only-sides")
        : await report(ctx, found.chat, found.call, reporter === "client" ? "specialist" : "client", ctx.deps.clock());
  await ctx.answerCallbackQuery(refusal === undefined ? {} : { text: refusal, show_alert: true });
});

inGroup.callbackQuery(VERDICT, async (ctx) => {
  const found = await callOfButton(ctx, Number(ctx.match[2]));
  const refusal =
    found === undefined
      ? undefined
      : await judge(ctx, found.chat, found.call, ctx.match[1] === "ok" ? "confirmed" : "disputed");
  await ctx.answerCallbackQuery(refusal === undefined ? {} : { text: refusal, show_alert: true });
});

/** Records that `side` missed the call; a refusal to show instead when it cannot be said. */
async function report(
  ctx: BotContext,
  chat: Chat,
  call: Obligation,
  side: Side,
  at: number,
): Promise<string | undefined> {
  const { deps } = ctx;
  if (!isIdentifiablePerson(ctx.from)) return ctx.t("anonymous-cannot-act");
  const reporter = await sideOf(deps, chat, ctx.from.id);
  if (reporter === undefined) return ctx.t("call-only-sides");
  const { regulation } = await regulationOf(deps, chat, at);
  const variables = callVariables(call, regulation);
  if (call.confirmedAt === null || call.state === "cancelled") return ctx.t("call-missed-not-confirmed", variables);
  if (call.dueAt > at) return ctx.t("call-missed-too-early", variables);
  if (call.state !== "open" || (call.missedState !== null && call.missedState !== "disputed"))
    return ctx.t("call-missed-already", variables);
  const record = {
    ...obligationEvent(chat, call, "missed-reported", ctx.from.id, { side }),
    source: `obligation:${call.id}:missed-reported:${ctx.updateKey}`,
  };
  const change = {
    missedSide: side,
    missedReportedBy: ctx.from.id,
    missedReportedAt: at,
    missedState: "reported" as const,
  };
  if (!(await deps.obligations.changeMissedCall(call.id, change, record, at)))
    return ctx.t("call-missed-already", variables);
  const confirmerSide: Side = reporter === "client" ? "specialist" : "client";
  const confirmer =
    (await namesOnSide(deps, chat, confirmerSide)).join(", ") ||
    ctx.t(confirmerSide === "client" ? "call-no-client" : "call-no-specialist");
  const buttons = new InlineKeyboard()
    .text(ctx.t("call-missed-confirm-button"), `call-missed-ok:${call.id}`)
    .text(ctx.t("call-missed-dispute-button"), `call-missed-no:${call.id}`);
  const text = ctx.t("call-missed-reported", { ...variables, by: displayName(ctx.from), side, confirmer });
  await deps.outbox.post([{ ...groupReply(ctx, chat.id, "call", text), replyMarkup: buttons }]);
  return undefined;
}

/** The side other than the reporter's confirms (the call closes, counted against the side that missed it) or disputes. */
async function judge(
  ctx: BotContext,
  chat: Chat,
  call: Obligation,
  verdict: "confirmed" | "disputed",
): Promise<string | undefined> {
  const { deps } = ctx;
  const number = `C${call.number}`;
  if (call.missedState !== "reported" || call.missedReportedBy === null || call.missedSide === null)
    return ctx.t("call-missed-nothing-to-judge", { number });
  const by = ctx.from!.id;
  const side = await sideOf(deps, chat, by);
  const reporterSide = await sideOf(deps, chat, call.missedReportedBy);
  const judgingSide: Side = reporterSide === "client" ? "specialist" : "client";
  if (side !== judgingSide || by === call.missedReportedBy)
    return ctx.t("call-missed-only-other-side", {
      confirmer: (await namesOnSide(deps, chat, judgingSide)).join(", ") || "—",
    });
  const at = deps.clock();
  const { regulation } = await regulationOf(deps, chat, at);
  const variables = { ...callVariables(call, regulation), by: displayName(ctx.from!), side: call.missedSide };
  const record = obligationEvent(chat, call, `missed-${verdict}`, by, {
    side: call.missedSide,
    ...(verdict === "confirmed" && regulation.missed_call !== null ? { clause: regulation.missed_call } : {}),
  });
  const change =
    verdict === "confirmed"
      ? { missedState: verdict, state: "done" as const, closedAt: at, closedBy: by }
      : { missedState: verdict };
  if (
    !(await deps.obligations.changeMissedCall(
      call.id,
      change,
      { ...record, source: `obligation:${call.id}:missed-${verdict}:${call.missedReportedAt}` },
      at,
      "reported",
    ))
  ) {
    return ctx.t("call-missed-nothing-to-judge", { number });
  }
  const clause =
    verdict === "confirmed" && regulation.missed_call !== null
      ? [ctx.t("call-missed-clause", { clause: regulation.missed_call })]
      : [];
  await say(ctx, chat, [ctx.t(`call-missed-${verdict}`, variables), ...clause].join("\n"));
  return undefined;
}

async function callOfButton(ctx: BotContext, callId: number): Promise<{ chat: Chat; call: Obligation } | undefined> {
  const chat = ctx.chat === undefined ? undefined : await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  const call = await ctx.deps.obligations.find(callId);
  return chat === undefined || call === undefined || call.chatId !== chat.id || call.kind !== "call"
    ? undefined
    : { chat, call };
}

function say(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "call", text)]);
}

export { feature as missedCallsFeature };

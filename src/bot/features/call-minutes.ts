import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { callNamed, callVariables, nameOf, namesOnSide, otherSideOf, sideOf } from "../shared/call-sides.js";
import { regulationOf } from "../shared/chat-regulation.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { cancelCallJobs } from "../../scheduler/jobs/call-jobs.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { displayName, isIdentifiablePerson } from "../format/people.js";
import { Feature } from "../feature.js";

/**
 * A call leaves no record, so what it agreed is written down: the proposer or a specialist posts
 * the minutes (`/minutes C1 <text>`), and the other side confirms or disputes them; disputed
 * minutes may be written again.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const MINUTES_OK = /^minutes-ok:(\d+)$/;
const MINUTES_DISPUTED = /^minutes-no:(\d+)$/;

type Verdict = "confirmed" | "disputed";

inGroup.command("minutes", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const [, first = "", rest = ""] = /^(\S*)\s*([\s\S]*)$/.exec(ctx.match.trim()) ?? [];
  const action = first.toLowerCase();
  const verdict: Verdict | undefined =
    action === "confirm" ? "confirmed" : action === "dispute" ? "disputed" : undefined;
  if (verdict !== undefined) {
    const [, given = "", reason = ""] = /^(\S*)\s*([\s\S]*)$/.exec(rest.trim()) ?? [];
    const call = await knownCall(
      ctx,
      chat,
      given,
      verdict === "confirmed" ? "minutes-example-confirm" : "minutes-example-dispute",
    );
    const refusal =
      call === undefined ? undefined : await judge(ctx, chat, call, verdict, reason.trim(), ctx.msg.date * 1000);
    if (refusal !== undefined) await say(ctx, chat, refusal);
    return;
  }
  const call = await knownCall(ctx, chat, first, "minutes-example");
  if (call === undefined) return;
  const replied = ctx.msg.reply_to_message;
  const text = rest.trim() || replied?.text || replied?.caption || "";
  const refusal = await post(ctx, chat, call, text, ctx.msg.date * 1000);
  if (refusal !== undefined) await say(ctx, chat, refusal);
});

inGroup.callbackQuery([MINUTES_OK, MINUTES_DISPUTED], async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  const call = await ctx.deps.obligations.find(Number(ctx.match[1]));
  if (chat === undefined || call === undefined || call.chatId !== chat.id || call.kind !== "call")
    return void (await ctx.answerCallbackQuery());
  const verdict = ctx.callbackQuery.data.startsWith("minutes-ok:") ? "confirmed" : "disputed";
  const refusal = await judge(ctx, chat, call, verdict, "", ctx.deps.clock());
  await ctx.answerCallbackQuery(refusal === undefined ? {} : { text: refusal, show_alert: true });
});

/** Posts the minutes of a call that took place; a refusal to show instead when they may not be posted. */
async function post(
  ctx: BotContext & { msg: NonNullable<BotContext["msg"]> },
  chat: Chat,
  call: Obligation,
  text: string,
  at: number,
): Promise<string | undefined> {
  const { deps } = ctx;
  if (ctx.msg.sender_chat !== undefined || !isIdentifiablePerson(ctx.from)) return ctx.t("anonymous-cannot-act");
  const by = ctx.from.id;
  if (by !== call.createdBy && (await deps.roles.roleOf(chat.id, by)) !== "specialist") return ctx.t("minutes-only");
  const { regulation } = await regulationOf(deps, chat, at);
  const variables = callVariables(call, regulation);
  if (text === "") return ctx.t("minutes-needs-text", { number: variables.number });
  if (call.state === "cancelled" || call.confirmedAt === null) return ctx.t("minutes-not-confirmed", variables);
  if (call.dueAt > at) return ctx.t("minutes-too-early", variables);
  if (call.minutesState === "posted" || call.minutesState === "confirmed")
    return ctx.t(`minutes-already-${call.minutesState}`, variables);
  const event = {
    ...obligationEvent(chat, call, "minutes", by, { minutes: text }),
    source: `obligation:${call.id}:minutes:${ctx.updateKey}`,
  };
  if (!(await deps.obligations.postMinutes(call.id, { text, by, at }, event)))
    return ctx.t("minutes-already-posted", variables);
  await cancelCallJobs(deps.jobs, call.id);
  const judges = await namesOnSide(deps, chat, await otherSideOf(deps, chat, by));
  const buttons = new InlineKeyboard()
    .text(ctx.t("minutes-confirm-button"), `minutes-ok:${call.id}`)
    .text(ctx.t("minutes-dispute-button"), `minutes-no:${call.id}`);
  const announcement = ctx.t("minutes-posted", {
    ...variables,
    by: displayName(ctx.from),
    minutes: text,
    judges: judges.join(", ") || "—",
  });
  await deps.outbox.post([{ ...groupReply(ctx, chat.id, "minutes", announcement), replyMarkup: buttons }]);
  return undefined;
}

/** The other side of the minutes' author confirms or disputes them, once per posting. */
async function judge(
  ctx: BotContext,
  chat: Chat,
  call: Obligation,
  verdict: Verdict,
  reason: string,
  at: number,
): Promise<string | undefined> {
  const { deps } = ctx;
  const { regulation } = await regulationOf(deps, chat, at);
  const variables = callVariables(call, regulation);
  if (call.minutesState !== "posted" || call.minutesBy === null) return ctx.t("minutes-nothing-to-judge", variables);
  const judgingSide = await otherSideOf(deps, chat, call.minutesBy);
  if ((await sideOf(deps, chat, ctx.from!.id)) !== judgingSide || ctx.from!.id === call.minutesBy) {
    return ctx.t("minutes-judge-only", { names: (await namesOnSide(deps, chat, judgingSide)).join(", ") || "—" });
  }
  const event = {
    ...obligationEvent(chat, call, `minutes-${verdict}`, ctx.from!.id, reason === "" ? {} : { reason }),
    source: `obligation:${call.id}:minutes-${verdict}:${call.minutesAt}`,
  };
  if (!(await deps.obligations.judgeMinutes(call.id, verdict, at, event)))
    return ctx.t("minutes-nothing-to-judge", variables);
  const by = displayName(ctx.from!);
  const author = await nameOf(deps, chat, call.minutesBy);
  if (verdict === "confirmed") await say(ctx, chat, ctx.t("minutes-confirmed", { ...variables, by }));
  else
    await say(
      ctx,
      chat,
      reason === ""
        ? ctx.t("minutes-disputed", { ...variables, by, author })
        : ctx.t("minutes-disputed-because", { ...variables, by, author, reason }),
    );
  return undefined;
}

async function knownCall(
  ctx: BotContext,
  chat: Chat,
  given: string,
  exampleKey: string,
): Promise<Obligation | undefined> {
  const call = await callNamed(ctx.deps, chat, given);
  if (call === undefined)
    await say(ctx, chat, ctx.t("call-unknown", { given: given || "—", example: ctx.t(exampleKey) }));
  return call;
}

function say(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "minutes", text)]);
}

export { feature as callMinutesFeature };

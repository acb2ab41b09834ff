import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import type { NewObligation, Obligation } from "../../db/obligation-repository.js";
import { parseHumanDate, type HumanDate } from "../../domain/dates/human-date.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { callNamed, callVariables, namesOnSide, otherSideOf, sideOf } from "../shared/call-sides.js";
import { regulationOf } from "../shared/chat-regulation.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { dateRefusal, understoodDate } from "../format/human-date-text.js";
import { cancelCallJobs, scheduleCallEnd, scheduleCallReminder } from "../../scheduler/jobs/call-jobs.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { reportMissedCommand } from "./missed-calls.js";
import { displayName, isIdentifiablePerson } from "../format/people.js";
import {
  askOutsideHours,
  DO_NOT_PROPOSE,
  isOutsideContactHours,
  personalLanguage,
  PROPOSE_ANYWAY,
} from "../shared/call-outside-hours.js";
import { Feature } from "../feature.js";

/**
 * Agreed calls (C1, C2…): a specialist or the client's contact proposes a time and a topic
 * (`/call Tue 15:00 Campaign results`); the other side confirms, or answers with another time
 * (`/call C1 Wed 11:00`), which replaces the proposal with a new one for the first side to confirm.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const CONFIRM = /^call-ok:(\d+)$/;
const OTHER_TIME = /^call-other:(\d+)$/;
/** `C1`; a bare number would read as a date (`/call 10 Dec …`), so a new time needs the letter. */
const CALL_REFERENCE = /^[cс]\d+$/i;

/** The /call message a proposal comes from: the command just sent, or the one a "propose anyway" button quotes. */
interface CallCommand {
  messageId: number;
  sentAt: number;
  /** The proposer already heard that the time is outside contact hours, and went ahead. */
  outsideHoursAccepted: boolean;
}

inGroup.command("call", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const argument = ctx.match.trim();
  const [, first = "", rest = ""] = /^(\S*)\s*([\s\S]*)$/.exec(argument) ?? [];
  const action = first.toLowerCase();
  if (action === "confirm" || action === "cancel") {
    const call = await knownCall(
      ctx,
      chat,
      rest.trim(),
      action === "confirm" ? "call-example-confirm" : "call-example-cancel",
    );
    if (call === undefined) return;
    const refusal =
      action === "confirm"
        ? await confirm(ctx, chat, call, ctx.msg.date * 1000)
        : await cancel(ctx, chat, call, ctx.msg.date * 1000);
    if (refusal !== undefined) await say(ctx, chat, refusal);
    return;
  }
  if (action === "missed") return reportMissedCommand(ctx, chat, rest);
  await proposeFrom(ctx, chat, argument, {
    messageId: ctx.msg.message_id,
    sentAt: ctx.msg.date * 1000,
    outsideHoursAccepted: false,
  });
});

/** "Propose anyway" or not, under the question about a time outside contact hours; only the proposer decides. */
inGroup.callbackQuery([PROPOSE_ANYWAY, DO_NOT_PROPOSE], async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return void (await ctx.answerCallbackQuery());
  const { regulation } = await regulationOf(ctx.deps, chat);
  const language = personalLanguage(ctx, regulation);
  const answer = (key: string, variables?: Record<string, string>) =>
    ctx.answerCallbackQuery({ text: ctx.deps.i18n.t(language, key, variables), show_alert: true });
  const command = ctx.callbackQuery.message?.reply_to_message;
  // A /call may come as a caption too (see caption-commands).
  const commandText = command?.text ?? command?.caption;
  if (command === undefined || commandText === undefined) return void (await answer("call-outside-hours-gone"));
  if (command.from?.id !== ctx.from.id)
    return void (await answer("call-outside-hours-only-proposer", {
      name: command.from === undefined ? "—" : displayName(command.from),
    }));
  if (ctx.callbackQuery.data === DO_NOT_PROPOSE) return void (await answer("call-outside-hours-dropped"));
  if ((await ctx.deps.obligations.bySource(chat.id, "call", command.message_id)) !== undefined)
    return void (await answer("call-outside-hours-already"));
  await ctx.answerCallbackQuery();
  const argument = commandText.replace(/^\/call(@\w+)?\s*/i, "");
  await proposeFrom(ctx, chat, argument, {
    messageId: command.message_id,
    sentAt: command.date * 1000,
    outsideHoursAccepted: true,
  });
});

inGroup.callbackQuery(CONFIRM, async (ctx) => {
  const found = await callOfButton(ctx, Number(ctx.match[1]));
  const refusal = found === undefined ? undefined : await confirm(ctx, found.chat, found.call, ctx.deps.clock());
  await ctx.answerCallbackQuery(refusal === undefined ? {} : { text: refusal, show_alert: true });
});

inGroup.callbackQuery(OTHER_TIME, async (ctx) => {
  const found = await callOfButton(ctx, Number(ctx.match[1]));
  if (found === undefined) return void (await ctx.answerCallbackQuery());
  const side = await sideOf(ctx.deps, found.chat, ctx.from.id);
  const number = `C${found.call.number}`;
  await ctx.answerCallbackQuery({
    text: side === undefined ? ctx.t("call-only-sides") : ctx.t("call-other-time-how", { number }),
    show_alert: true,
  });
});

/** A new call (`/call Tue 15:00 Topic`) or another time for one (`/call C1 Wed 11:00`). */
async function proposeFrom(ctx: BotContext, chat: Chat, argument: string, command: CallCommand): Promise<void> {
  const [, first = "", rest = ""] = /^(\S*)\s*([\s\S]*)$/.exec(argument) ?? [];
  if (CALL_REFERENCE.test(first)) return proposeAnotherTime(ctx, chat, first, rest, command);
  await propose(ctx, chat, argument, command);
}

async function propose(ctx: BotContext, chat: Chat, argument: string, command: CallCommand): Promise<void> {
  if ((await speakingSide(ctx, chat)) === undefined) return;
  const { deps } = ctx;
  const read = await readCallTime(ctx, chat, argument, "call-example-propose", command);
  if (read === undefined) return;
  const { when, regulation, now } = read;
  if (when.rest === "") return say(ctx, chat, ctx.t("call-needs-topic", { when: when.consumed }));
  // Handling the same command again finds the call it proposed.
  const proposed = await deps.obligations.bySource(chat.id, "call", command.messageId);
  if (proposed === undefined && !command.outsideHoursAccepted && isOutsideContactHours(regulation, when.at))
    return askOutsideHours(ctx, chat, regulation, when.at);
  const call =
    proposed ??
    (await deps.obligations.create(newCall(ctx, chat, when.rest, when.at, now, command), (created) =>
      obligationEvent(chat, created, "created", ctx.from!.id),
    ));
  await scheduleCallEnd(deps.jobs, call);
  const text = ctx.t("call-proposed", {
    ...callVariables(call, regulation),
    proposer: displayName(ctx.from!),
    confirmer: await confirmerNames(ctx, chat),
  });
  await announceProposal(ctx, chat, call, when, text, command);
}

/** The call's time as the command gives it, in the chat's zone; undefined once a refusal with `example` was said. */
async function readCallTime(
  ctx: BotContext,
  chat: Chat,
  argument: string,
  example: string,
  command: CallCommand,
): Promise<{ when: HumanDate; regulation: Regulation; now: number } | undefined> {
  const now = command.sentAt;
  const { regulation } = await regulationOf(ctx.deps, chat, now);
  const named = parseHumanDate(argument, { now, timezone: regulation.timezone, language: regulation.language });
  const refusal = timeRefusal(ctx, named, ctx.t(example));
  if (refusal !== undefined) {
    await say(ctx, chat, refusal);
    return undefined;
  }
  return { when: named as HumanDate, regulation, now };
}

async function proposeAnotherTime(
  ctx: BotContext,
  chat: Chat,
  given: string,
  argument: string,
  command: CallCommand,
): Promise<void> {
  const old = await knownCall(ctx, chat, given, "call-example-other-time");
  if (old === undefined || (await speakingSide(ctx, chat)) === undefined) return;
  const { deps } = ctx;
  const read = await readCallTime(ctx, chat, argument, "call-example-other-time", command);
  if (read === undefined) return;
  const { when, regulation, now } = read;
  const by = ctx.from!.id;
  // Handling the same command again finds the call that replaced the old one.
  const proposed = await deps.obligations.bySource(chat.id, "call", command.messageId);
  if (proposed === undefined && !command.outsideHoursAccepted && isOutsideContactHours(regulation, when.at))
    return askOutsideHours(ctx, chat, regulation, when.at);
  const call =
    proposed ??
    (await deps.obligations.replace(
      old.id,
      by,
      newCall(ctx, chat, when.rest || old.description, when.at, now, command),
      {
        cancelled: obligationEvent(chat, old, "replaced", by),
        created: (created) => obligationEvent(chat, created, "created", by, { replaces: `C${old.number}` }),
      },
    ));
  if (call === undefined) return say(ctx, chat, ctx.t("call-not-open", { number: `C${old.number}` }));
  await cancelCallJobs(deps.jobs, old.id);
  await scheduleCallEnd(deps.jobs, call);
  const variables = {
    ...callVariables(call, regulation),
    old: `C${old.number}`,
    proposer: displayName(ctx.from!),
    confirmer: await confirmerNames(ctx, chat),
  };
  await announceProposal(ctx, chat, call, when, ctx.t("call-replaced", variables), command);
}

/** The other side agrees; a refusal to show instead when the person may not. */
async function confirm(ctx: BotContext, chat: Chat, call: Obligation, at: number): Promise<string | undefined> {
  const { deps } = ctx;
  const number = `C${call.number}`;
  const side = await sideOf(deps, chat, ctx.from!.id);
  if (side === undefined) return ctx.t("call-only-sides");
  if (call.state !== "open") return ctx.t("call-not-open", { number });
  const confirmingSide = await otherSideOf(deps, chat, call.createdBy);
  if (side !== confirmingSide || ctx.from!.id === call.createdBy)
    return ctx.t("call-confirm-only-other-side", {
      number,
      confirmer: (await namesOnSide(deps, chat, confirmingSide)).join(", ") || "—",
    });
  if (call.confirmedAt !== null) return ctx.t("call-already-confirmed", { number });
  const confirmed = await deps.obligations.confirmCall(
    call.id,
    ctx.from!.id,
    at,
    obligationEvent(chat, call, "confirmed", ctx.from!.id),
  );
  if (!confirmed) return ctx.t("call-already-confirmed", { number });
  const { regulation } = await regulationOf(deps, chat, at);
  const minutes = regulation.call_reminder.minutes;
  await scheduleCallReminder(deps.jobs, call, minutes, at);
  await say(
    ctx,
    chat,
    ctx.t("call-confirmed", { ...callVariables(call, regulation), by: displayName(ctx.from!), minutes }),
  );
  return undefined;
}

async function cancel(ctx: BotContext, chat: Chat, call: Obligation, at: number): Promise<string | undefined> {
  const { deps } = ctx;
  if ((await sideOf(deps, chat, ctx.from!.id)) === undefined) return ctx.t("call-only-sides");
  if (call.state !== "open") return ctx.t("call-not-open", { number: `C${call.number}` });
  if (
    !(await deps.obligations.cancel(call.id, ctx.from!.id, at, obligationEvent(chat, call, "cancelled", ctx.from!.id)))
  )
    return ctx.t("call-not-open", { number: `C${call.number}` });
  await cancelCallJobs(deps.jobs, call.id);
  const { regulation } = await regulationOf(deps, chat, at);
  await say(ctx, chat, ctx.t("call-cancelled", { ...callVariables(call, regulation), by: displayName(ctx.from!) }));
  return undefined;
}

/** A call needs a readable time ahead; a refusal with an example otherwise. */
function timeRefusal(ctx: BotContext, named: ReturnType<typeof parseHumanDate>, example: string): string | undefined {
  if (!named.ok) return dateRefusal(ctx.t, named, example);
  if (named.time === undefined) return dateRefusal(ctx.t, { error: "time-required", text: named.consumed }, example);
  return undefined;
}

function newCall(
  ctx: BotContext,
  chat: Chat,
  topic: string,
  startsAt: number,
  now: number,
  command: CallCommand,
): NewObligation {
  return {
    chatId: chat.id,
    kind: "call",
    description: topic,
    createdBy: ctx.from!.id,
    createdAt: now,
    sourceMessageId: command.messageId,
    dueAt: startsAt,
  };
}

/** The proposal, with its buttons, quoting the /call it comes from (also when a button brought it). */
async function announceProposal(
  ctx: BotContext,
  chat: Chat,
  call: Obligation,
  when: HumanDate,
  text: string,
  command: CallCommand,
): Promise<void> {
  const { regulation } = await regulationOf(ctx.deps, chat, call.createdAt);
  const understood = understoodDate(
    ctx.t,
    when,
    { dueAt: call.dueAt, basis: "time" },
    regulation.timezone,
    regulation.language,
  );
  const buttons = new InlineKeyboard()
    .text(ctx.t("call-confirm-button"), `call-ok:${call.id}`)
    .text(ctx.t("call-other-time-button"), `call-other:${call.id}`);
  await ctx.deps.outbox.post([
    {
      ...groupReply(ctx, chat.id, "call", `${text}\n${understood}`),
      replyToMessageId: command.messageId,
      replyMarkup: buttons,
    },
  ]);
}

/** The specialists or the client's contact, whoever is not the sender. */
async function confirmerNames(ctx: BotContext, chat: Chat): Promise<string> {
  const side = await otherSideOf(ctx.deps, chat, ctx.from!.id);
  const names = await namesOnSide(ctx.deps, chat, side);
  return names.length > 0 ? names.join(", ") : ctx.t(side === "client" ? "call-no-client" : "call-no-specialist");
}

/** The sender's side; otherwise says who may propose and confirm calls, and returns undefined. */
async function speakingSide(ctx: BotContext, chat: Chat) {
  // Under a button, the message is regbot's own question: who tapped is who speaks.
  const anonymous = ctx.callbackQuery === undefined && ctx.msg?.sender_chat !== undefined;
  if (anonymous || !isIdentifiablePerson(ctx.from)) {
    await ctx.deps.outbox.post([groupReply(ctx, chat.id, "refusal", ctx.t("anonymous-cannot-act"))]);
    return undefined;
  }
  const side = await sideOf(ctx.deps, chat, ctx.from.id);
  if (side === undefined) await ctx.deps.outbox.post([groupReply(ctx, chat.id, "refusal", ctx.t("call-only-sides"))]);
  return side;
}

/** A call of this chat named `C2` or `2`; otherwise says so with an example. */
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

export { feature as callsFeature };

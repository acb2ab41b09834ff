import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import type { PauseStart } from "../../db/cooling-pause-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { ResponseWindow } from "../../db/window-repository.js";
import {
  isAwaitingAnswer,
  LONGEST_PAUSE_MINUTES,
  pauseEndsAt,
  pauseLength,
  pauseRunningAt,
  pauseState,
  proposalLapsesAt,
  proposedEnd,
  readPauseProposal,
} from "../../domain/contract/cooling-pause.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import { shiftedDue } from "../../domain/obligations/work-pauses.js";
import { PAUSE_END, pauseEndKey } from "../../scheduler/jobs/cooling-pause-jobs.js";
import { pauseLapseJob } from "../../scheduler/jobs/pause-lapse-jobs.js";
import { windowDeadlineJobs } from "../../scheduler/jobs/response-window-jobs.js";
import type { BotContext } from "../context.js";
import { formatElapsed, formatLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { displayName, isIdentifiablePerson } from "../format/people.js";
import { nameOf, namesOnSide, otherSideOf, sideOf } from "../shared/call-sides.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { rearmDeadline } from "../shared/rearm-deadlines.js";
import { moveEvent, moveLine } from "../shared/deadline-moves.js";
import { Feature } from "../feature.js";

/**
 * A cooling-off pause, as the guide advises when emotions run high: a specialist or the client's
 * contact proposes one (`/pause 24h <why>`), the other side accepts or declines it with a button.
 * While it runs every clock of the chat stands still: deadlines and the awaited answer move later
 * by the business time it takes, and no reminder or warning is sent; both sides hear when it ends.
 * A proposal nobody answers within a day lapses (see pause-lapse-jobs): its buttons then refuse.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const ANSWER = /^pause-(ok|no):(\d+)$/;

inGroup.command("pause", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const { deps } = ctx;
  if (ctx.msg.sender_chat !== undefined || !isIdentifiablePerson(ctx.from))
    return say(ctx, chat, ctx.t("anonymous-cannot-act"));
  if ((await sideOf(deps, chat, ctx.from.id)) === undefined) return say(ctx, chat, ctx.t("pause-only-sides"));
  // Handling the same command again finds the proposal it recorded.
  const pause =
    (await deps.obligations.bySource(chat.id, "pause", ctx.msg.message_id)) ??
    (await propose(ctx, chat, ctx.msg.date * 1000));
  if (pause === undefined) return;
  const answeringSide = await otherSideOf(deps, chat, pause.createdBy);
  const answerer =
    (await namesOnSide(deps, chat, answeringSide)).join(", ") ||
    ctx.t(answeringSide === "client" ? "call-no-client" : "call-no-specialist");
  const buttons = new InlineKeyboard()
    .text(ctx.t("pause-accept-button"), `pause-ok:${pause.id}`)
    .text(ctx.t("pause-decline-button"), `pause-no:${pause.id}`);
  const text = ctx.t(pause.description === "" ? "pause-proposed" : "pause-proposed-because", {
    by: displayName(ctx.from),
    number: obligationLabel("pause", pause.number),
    length: await lengthIn(ctx, chat, pauseLength(pause)),
    reason: pause.description,
    answerer,
    lapses: await timeIn(ctx, chat, proposalLapsesAt(pause)),
  });
  const proposal = { ...groupReply(ctx, chat.id, "pause", text), replyMarkup: buttons };
  await deps.outbox.post([proposal]);
  // Scheduled again when the command is handled again, it stays as first scheduled.
  await deps.jobs.schedule(pauseLapseJob(pause, proposal.dedupeKey!));
});

/** Records a new proposal, or says why it cannot be made; undefined then. */
async function propose(ctx: BotContext, chat: Chat, now: number): Promise<Obligation | undefined> {
  const { deps } = ctx;
  const proposal = readPauseProposal(typeof ctx.match === "string" ? ctx.match : "");
  if (!proposal.ok) {
    const longest = await lengthIn(ctx, chat, LONGEST_PAUSE_MINUTES * 60_000);
    await say(ctx, chat, ctx.t(`pause-${proposal.error}`, { given: proposal.given, longest }));
    return undefined;
  }
  const pauses = await deps.obligations.ofKind(chat.id, "pause");
  const running = pauseRunningAt(pauses, now);
  if (running !== undefined) {
    await say(ctx, chat, ctx.t("pause-already-running", { until: await timeIn(ctx, chat, running.dueAt) }));
    return undefined;
  }
  const awaiting = pauses.find((pause) => isAwaitingAnswer(pause, now));
  if (awaiting !== undefined) {
    const number = obligationLabel("pause", awaiting.number);
    const by = await nameOf(deps, chat, awaiting.createdBy);
    const lapses = await timeIn(ctx, chat, proposalLapsesAt(awaiting));
    await say(ctx, chat, ctx.t("pause-awaiting", { number, by, lapses }));
    return undefined;
  }
  return deps.obligations.create(
    {
      chatId: chat.id,
      kind: "pause",
      description: proposal.reason,
      createdBy: ctx.from!.id,
      createdAt: now,
      sourceMessageId: ctx.msg!.message_id,
      dueAt: proposedEnd(now, proposal.minutes),
    },
    (created) => obligationEvent(chat, created, "proposed", ctx.from!.id, { minutes: proposal.minutes }),
  );
}

inGroup.callbackQuery(ANSWER, async (ctx) => {
  const refusal = await answer(ctx, Number(ctx.match[2]), ctx.match[1] === "ok");
  await ctx.answerCallbackQuery(refusal === undefined ? {} : { text: refusal, show_alert: true });
});

/** The other side accepts or declines the proposal (its proposer may withdraw it); a refusal to show otherwise. */
async function answer(ctx: BotContext, pauseId: number, accepted: boolean): Promise<string | undefined> {
  const { deps } = ctx;
  const chat = ctx.chat === undefined ? undefined : await deps.chats.findByTelegramId(ctx.chat.id);
  const pause = await deps.obligations.find(pauseId);
  if (chat === undefined || pause === undefined || pause.chatId !== chat.id || pause.kind !== "pause") return undefined;
  const at = deps.clock();
  // Past its lapse time a proposal takes no answer, even before its lapse is recorded.
  if (pauseState(pause, at) === "lapsed")
    return ctx.t("pause-lapsed", { at: await timeIn(ctx, chat, proposalLapsesAt(pause)) });
  const by = ctx.from!.id;
  const side = await sideOf(deps, chat, by);
  if (side === undefined) return ctx.t("pause-only-sides");
  const withdrawn = !accepted && by === pause.createdBy;
  const answeringSide = await otherSideOf(deps, chat, pause.createdBy);
  if (!withdrawn && (side !== answeringSide || by === pause.createdBy))
    return ctx.t("pause-only-other-side", {
      answerer: (await namesOnSide(deps, chat, answeringSide)).join(", ") || "—",
    });
  const number = obligationLabel("pause", pause.number);
  if (!isAwaitingAnswer(pause, at)) return ctx.t("pause-answered", { number });
  if (!accepted) {
    const event = withdrawn ? "withdrawn" : "declined";
    if (!(await deps.coolingPauses.decline(pause.id, by, at, obligationEvent(chat, pause, event, by))))
      return ctx.t("pause-answered", { number });
    await say(ctx, chat, ctx.t(`pause-${event}`, { by: displayName(ctx.from!), number }));
    return undefined;
  }
  const running = pauseRunningAt(await deps.obligations.ofKind(chat.id, "pause"), at);
  if (running !== undefined) return ctx.t("pause-already-running", { until: await timeIn(ctx, chat, running.dueAt) });
  return start(ctx, chat, pause, at);
}

/** Starts the accepted pause: every deadline due after now moves by the business time it takes. */
async function start(ctx: BotContext, chat: Chat, pause: Obligation, at: number): Promise<string | undefined> {
  const { deps } = ctx;
  const by = ctx.from!.id;
  const rules = await regulationOf(deps, chat, at);
  const calendar = calendarOf(rules);
  const when = (ms: number) => formatLocalTime(ms, rules.regulation.timezone, rules.regulation.language);
  const endsAt = pauseEndsAt(pause, at);
  const number = obligationLabel("pause", pause.number);
  const moved = (startAt: number, dueAt: number) =>
    shiftedDue(calendar, { startAt, dueAt }, { start: at, end: endsAt });
  const decide = (waiting: ResponseWindow | undefined, dueAfterStart: Obligation[]): PauseStart => {
    const window = waiting === undefined ? undefined : movedWindow(waiting, at, moved);
    const moves = dueAfterStart
      .map((obligation) => ({ obligation, dueAt: moved(obligation.createdAt, obligation.dueAt) }))
      .filter((move) => move.dueAt !== move.obligation.dueAt);
    const text = [
      ctx.t("pause-accepted", { by: displayName(ctx.from!), number, until: when(endsAt) }),
      ...(window === undefined ? [] : [windowLine(ctx, when, window)]),
      ...moves.map((move) => moveLine(ctx, when, move)),
    ].join("\n");
    const records = [
      obligationEvent(chat, { ...pause, dueAt: endsAt }, "accepted", by, {
        startsAt: new Date(at).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
      }),
      ...(window === undefined ? [] : [windowMoveEvent(chat, window, by, pause, number)]),
      ...moves.map((move) => moveEvent(chat, move, by, `pause:${pause.id}`, { pause: number })),
    ];
    return {
      ...(window === undefined ? {} : { window }),
      moves,
      records,
      announcement: groupReply(ctx, chat.id, "pause", text),
      end: {
        kind: PAUSE_END,
        dedupeKey: pauseEndKey(pause.id),
        chatId: chat.id,
        dueAt: endsAt,
        payload: { obligationId: pause.id },
      },
    };
  };
  const started = await deps.coolingPauses.start(pause, { acceptedAt: at, acceptedBy: by, endsAt }, decide);
  if (started === undefined) return ctx.t("pause-answered", { number });
  deps.outbox.wake();
  if (started.window !== undefined) await rearmWindow(ctx, chat, started.window, at);
  for (const move of started.moves)
    await rearmDeadline(deps.jobs, calendar, { ...move.obligation, dueAt: move.dueAt }, at);
  return undefined;
}

type WindowMove = NonNullable<PauseStart["window"]>;

/** The awaited answer's due time (and its warning, unless already given) moved past the pause; none when it does not move. */
function movedWindow(
  waiting: ResponseWindow,
  at: number,
  moved: (startAt: number, dueAt: number) => number,
): WindowMove | undefined {
  const dueAt = moved(waiting.openedAt, waiting.dueAt);
  if (dueAt === waiting.dueAt) return undefined;
  const warnAt =
    waiting.warnAt === null || waiting.warnAt <= at ? waiting.warnAt : moved(waiting.openedAt, waiting.warnAt);
  return { window: waiting, dueAt, warnAt };
}

function windowLine(ctx: BotContext, when: (ms: number) => string, { window, dueAt }: WindowMove): string {
  return ctx.t("pause-answer-moved", { opened: when(window.openedAt), from: when(window.dueAt), to: when(dueAt) });
}

function windowMoveEvent(chat: Chat, { window, dueAt }: WindowMove, by: number, pause: Obligation, number: string) {
  return {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "window" as const,
    source: `window:${window.id}:moved:pause:${pause.id}`,
    senderId: by,
    payload: {
      event: "moved",
      windowId: window.id,
      dueAt: new Date(dueAt).toISOString(),
      previousDueAt: new Date(window.dueAt).toISOString(),
      pause: number,
    },
  };
}

/** The moved window's warning, due time and escalation, by the rules it was opened under; none already behind. */
async function rearmWindow(
  ctx: BotContext,
  chat: Chat,
  { window, dueAt, warnAt }: WindowMove,
  at: number,
): Promise<void> {
  const rules = await regulationOf(ctx.deps, chat, window.openedAt);
  const jobs = windowDeadlineJobs(calendarOf(rules), { ...window, dueAt, warnAt }, rules.regulation.escalate_after);
  for (const job of jobs) if (job.dueAt > at) await ctx.deps.jobs.rearm(job);
}

async function timeIn(ctx: BotContext, chat: Chat, ms: number): Promise<string> {
  const { regulation } = await regulationOf(ctx.deps, chat);
  return formatLocalTime(ms, regulation.timezone, regulation.language);
}

async function lengthIn(ctx: BotContext, chat: Chat, ms: number): Promise<string> {
  return formatElapsed(ms, (await regulationOf(ctx.deps, chat)).regulation.language);
}

function say(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "pause", text)]);
}

export { feature as coolingPauseFeature };

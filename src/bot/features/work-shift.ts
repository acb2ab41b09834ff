import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { waitingOn } from "../../domain/obligations/client-delay.js";
import { obligationLabel, readObligationNumber } from "../../domain/obligations/numbering.js";
import { businessDaysLate } from "../../domain/obligations/schedule.js";
import { shiftedDue } from "../../domain/obligations/work-pauses.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import type { BotContext } from "../context.js";
import { formatLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { specialistChat } from "../guards/chat-guards.js";
import { SHIFT_BUTTON } from "../../scheduler/jobs/request-jobs.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { rearmDeadline } from "../shared/rearm-deadlines.js";
import { moveEvent, moveLine } from "../shared/deadline-moves.js";
import { clockStart } from "./revision-replies.js";
import { Feature } from "../feature.js";

/**
 * The client's delay moves the specialist's deadlines: a specialist applies a late request's
 * waiting (`/shift R1`, or the button on its overdue notice) as a pause in their clocks, and
 * every open revision and plan stage due after the waiting began moves later by the business
 * time it took, each move announced with its old and new date. A request is applied once.
 */
const feature = new Feature();
const inGroup = feature.inGroups;

/** The specialist's own deadlines, which wait with the work. */
const MOVABLE: ReadonlySet<Obligation["kind"]> = new Set(["revision", "stage"]);

inGroup.command("shift", async (ctx) => {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const number = readObligationNumber(ctx.match, "request");
  const request = number === undefined ? undefined : await ctx.deps.obligations.byNumber(chat.id, "request", number);
  if (request === undefined) return say(ctx, chat, ctx.t("shift-unknown", { given: ctx.match.trim() || "—" }));
  await shift(ctx, chat, request, ctx.msg.date * 1000);
});

inGroup.callbackQuery(SHIFT_BUTTON, async (ctx) => {
  const { deps } = ctx;
  const request = await deps.obligations.find(Number(ctx.match[1]));
  const chat = await deps.chats.findByTelegramId(ctx.chat.id);
  if (request?.kind !== "request" || chat === undefined || request.chatId !== chat.id)
    return void (await ctx.answerCallbackQuery());
  if (!(await deps.roles.usersWithRole(chat.id, "specialist")).includes(ctx.from.id))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("shift-only-specialists"), show_alert: true }));
  await shift(ctx, chat, request, deps.clock());
  await ctx.answerCallbackQuery();
});

async function shift(ctx: BotContext, chat: Chat, request: Obligation, at: number): Promise<void> {
  const { deps } = ctx;
  const rules = await regulationOf(deps, chat, at);
  const when = (ms: number) => formatLocalTime(ms, rules.regulation.timezone, rules.regulation.language);
  const number = obligationLabel("request", request.number);
  if (request.shiftedAt !== null)
    return say(ctx, chat, ctx.t("shift-already", { number, at: when(request.shiftedAt) }));
  const waiting = waitingOn(request, at);
  if (!waiting.waited)
    return say(
      ctx,
      chat,
      ctx.t(waiting.reason === "provided-on-time" ? "shift-on-time" : "shift-not-overdue", {
        number,
        due: when(request.dueAt),
      }),
    );
  const calendar = calendarOf(rules);
  const { pause } = waiting;
  const starts = await clockStarts(ctx, chat);
  const by = ctx.from!.id;
  const header = ctx.t(waiting.stillOpen ? "shift-waiting-open" : "shift-waiting-provided", {
    number,
    from: when(pause.start),
    to: when(pause.end),
    days: request.businessDaysLate ?? businessDaysLate(calendar, request.dueAt, at),
  });
  const outcome = await deps.pauses.record(
    {
      chatId: chat.id,
      startAt: pause.start,
      endAt: pause.end,
      causeObligationId: request.id,
      createdBy: by,
      createdAt: at,
    },
    (earlier, dueAfterStart) => {
      const applied = earlier.map((earlierPause) => ({ start: earlierPause.startAt, end: earlierPause.endAt }));
      const moves = dueAfterStart
        .filter((obligation) => MOVABLE.has(obligation.kind))
        .map((obligation) => ({
          obligation,
          dueAt: shiftedDue(
            calendar,
            { startAt: starts.get(obligation.id) ?? obligation.createdAt, dueAt: obligation.dueAt },
            pause,
            applied,
          ),
        }))
        .filter((move) => move.dueAt !== move.obligation.dueAt);
      const lines = moves.map((move) => moveLine(ctx, when, move));
      const records = [
        obligationEvent(chat, request, "shifted", by, {
          pauseStart: new Date(pause.start).toISOString(),
          pauseEnd: new Date(pause.end).toISOString(),
          stillOpen: waiting.stillOpen,
        }),
        ...moves.map((move) => moveEvent(chat, move, by, String(request.id), { waitedOn: number })),
      ];
      const text = [
        header,
        ...(lines.length > 0 ? lines : [ctx.t("shift-nothing-moved", { from: when(pause.start) })]),
      ].join("\n");
      return { moves, records, announcement: groupReply(ctx, chat.id, "shift", text) };
    },
  );
  if (outcome === undefined)
    return say(
      ctx,
      chat,
      ctx.t("shift-already", { number, at: when((await deps.obligations.find(request.id))?.shiftedAt ?? at) }),
    );
  deps.outbox.wake();
  for (const { obligation, dueAt } of outcome.moves)
    await rearmDeadline(deps.jobs, calendar, { ...obligation, dueAt }, at);
}

/** When each open revision's clock started (a reopened one restarted); others count from their creation. */
async function clockStarts(ctx: BotContext, chat: Chat): Promise<Map<number, number>> {
  const revisions = await ctx.deps.obligations.open(chat.id, "revision");
  return new Map(
    await Promise.all(revisions.map(async (revision) => [revision.id, await clockStart(ctx, revision)] as const)),
  );
}

function say(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "shift", text)]);
}

export { feature as workShiftFeature };

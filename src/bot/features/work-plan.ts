import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { parseHumanDate } from "../../domain/dates/human-date.js";
import { businessDaysLate } from "../../domain/obligations/schedule.js";
import { planProgress, stageDeadline } from "../../domain/obligations/plan.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import type { BotContext } from "../context.js";
import { formatLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { specialistChat } from "../guards/chat-guards.js";
import { dateRefusal, understoodDate } from "../format/human-date-text.js";
import { cancelStageJobs, scheduleStageJobs, stageDoneButton } from "../../scheduler/jobs/stage-jobs.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { displayName } from "../format/people.js";
import { penaltyLine } from "../format/penalty-text.js";
import { contractStatus } from "../status/contract-status.js";
import { stagePenalty } from "../../domain/contract/penalty.js";
import { Feature } from "../feature.js";

/**
 * The work plan attached to the contract: anyone sees it (`/plan`); specialists add, rename,
 * move and complete its stages (S1, S2…). Every change is logged and announced.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const STAGE_DONE = /^stage-done:(\d+)$/;
const STAGE_NUMBER = /^[sс]?(\d+)$/i;

type PlanContext = BotContext & { msg: NonNullable<BotContext["msg"]>; chat: NonNullable<BotContext["chat"]> };

inGroup.command("plan", async (ctx) => {
  const [, action = "", argument = ""] = /^(\S*)\s*([\s\S]*)$/.exec(ctx.match.trim()) ?? [];
  switch (action.toLowerCase()) {
    case "":
      return showPlan(ctx);
    case "add":
      return addStage(ctx, argument);
    case "rename":
      return renameStage(ctx, argument);
    case "move":
      return moveStage(ctx, argument);
    case "done":
      return completeStage(ctx, argument);
    default: {
      const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
      if (chat !== undefined) await say(ctx, chat, ctx.t("plan-usage"));
    }
  }
});

inGroup.callbackQuery(STAGE_DONE, async (ctx) => {
  const { chats, obligations, roles, clock } = ctx.deps;
  const chat = await chats.findByTelegramId(ctx.chat.id);
  const stage = await obligations.find(Number(ctx.match[1]));
  if (chat === undefined || stage === undefined || stage.chatId !== chat.id || stage.kind !== "stage")
    return void (await ctx.answerCallbackQuery());
  if ((await roles.roleOf(chat.id, ctx.from.id)) !== "specialist")
    return void (await ctx.answerCallbackQuery({ text: ctx.t("plan-done-only-specialists"), show_alert: true }));
  await markDone(ctx, chat, stage, clock());
  await ctx.answerCallbackQuery();
});

async function showPlan(ctx: PlanContext): Promise<void> {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const { regulation } = await regulationOf(ctx.deps, chat);
  const at = (ms: number) => formatLocalTime(ms, regulation.timezone, regulation.language);
  const stages = await ctx.deps.obligations.ofKind(chat.id, "stage");
  if (stages.length === 0) return say(ctx, chat, ctx.t("plan-empty"));
  const now = ctx.deps.clock();
  const progress = planProgress(stages, now);
  const line = (stage: Obligation) => {
    const variables = { number: `S${stage.number}`, title: stage.description, due: at(stage.dueAt) };
    if (stage.state === "done")
      return ctx.t("plan-line-done", { ...variables, done: at(stage.closedAt ?? stage.dueAt) });
    if (stage.dueAt < now) return ctx.t("plan-line-overdue", variables);
    return ctx.t(stage === progress.current ? "plan-line-current" : "plan-line-open", variables);
  };
  const { payment } = await contractStatus({ ...ctx.deps, repositories: ctx.deps }, chat, ctx.deps.clock());
  const workStart =
    payment?.workStartsAt === undefined
      ? []
      : [ctx.t("plan-work-start", { start: at(payment.workStartsAt), paid: at(payment.paidAt) })];
  await say(
    ctx,
    chat,
    [ctx.t("plan-title", { done: progress.done, total: progress.total }), ...workStart, ...stages.map(line)].join("\n"),
  );
}

async function addStage(ctx: PlanContext, argument: string): Promise<void> {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const { deps } = ctx;
  const now = ctx.msg.date * 1000;
  const rules = await regulationOf(deps, chat, now);
  const { timezone, language } = rules.regulation;
  const named = parseHumanDate(argument, { now, timezone, language });
  if (!named.ok) return say(ctx, chat, dateRefusal(ctx.t, named, ctx.t("plan-example-add")));
  if (named.rest === "") return say(ctx, chat, ctx.t("plan-needs-title"));
  const calendar = calendarOf(rules);
  const deadline = stageDeadline(calendar, timezone, named);
  if (deadline.dueAt <= now)
    return say(ctx, chat, dateRefusal(ctx.t, { error: "past", text: named.consumed }, ctx.t("plan-example-add")));
  // Handling the same command again finds the stage it created.
  const stage =
    (await deps.obligations.bySource(chat.id, "stage", ctx.msg.message_id)) ??
    (await deps.obligations.create(
      {
        chatId: chat.id,
        kind: "stage",
        description: named.rest,
        createdBy: ctx.from!.id,
        createdAt: now,
        sourceMessageId: ctx.msg.message_id,
        dueAt: deadline.dueAt,
      },
      (created) => obligationEvent(chat, created, "created", ctx.from!.id),
    ));
  await scheduleStageJobs(deps.jobs, calendar, timezone, stage, now);
  const number = `S${stage.number}`;
  const text = [
    ctx.t("plan-added", { number, title: stage.description, due: formatLocalTime(stage.dueAt, timezone, language) }),
    understoodDate(ctx.t, named, deadline, timezone, language),
  ].join("\n");
  await deps.outbox.post([
    {
      ...groupReply(ctx, chat.id, "plan", text),
      replyMarkup: stageDoneButton(ctx.t("plan-done-button", { number }), stage.id),
    },
  ]);
}

async function renameStage(ctx: PlanContext, argument: string): Promise<void> {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const [, given = "", title = ""] = /^(\S*)\s*([\s\S]*)$/.exec(argument) ?? [];
  const stage = await openStage(ctx, chat, given, "plan-example-rename");
  if (stage === undefined) return;
  if (title.trim() === "") return say(ctx, chat, ctx.t("plan-rename-needs-title"));
  const to = title.trim();
  const event = {
    ...obligationEvent(chat, stage, "renamed", ctx.from!.id, { from: stage.description, to }),
    source: `obligation:${stage.id}:renamed:${ctx.updateKey}`,
  };
  if (!(await ctx.deps.obligations.rename(stage.id, to, ctx.msg.date * 1000, event)))
    return say(ctx, chat, ctx.t("plan-already-done", { number: `S${stage.number}` }));
  await say(ctx, chat, ctx.t("plan-renamed", { number: `S${stage.number}`, from: stage.description, to }));
}

async function moveStage(ctx: PlanContext, argument: string): Promise<void> {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const [, given = "", when = ""] = /^(\S*)\s*([\s\S]*)$/.exec(argument) ?? [];
  const stage = await openStage(ctx, chat, given, "plan-example-move");
  if (stage === undefined) return;
  const { deps } = ctx;
  const now = ctx.msg.date * 1000;
  const rules = await regulationOf(deps, chat, now);
  const { timezone, language } = rules.regulation;
  const example = ctx.t("plan-example-move");
  const named = parseHumanDate(when, { now, timezone, language });
  if (!named.ok) return say(ctx, chat, dateRefusal(ctx.t, named, example));
  // A move names a date and nothing else: words after it mean it was not read as meant.
  if (named.rest !== "")
    return say(ctx, chat, dateRefusal(ctx.t, { error: "unrecognised", text: named.rest }, example));
  const calendar = calendarOf(rules);
  const deadline = stageDeadline(calendar, timezone, named);
  if (deadline.dueAt <= now)
    return say(ctx, chat, dateRefusal(ctx.t, { error: "past", text: named.consumed }, example));
  const at = (ms: number) => formatLocalTime(ms, timezone, language);
  const variables = {
    number: `S${stage.number}`,
    title: stage.description,
    from: at(stage.dueAt),
    to: at(deadline.dueAt),
  };
  if (deadline.dueAt === stage.dueAt) return say(ctx, chat, ctx.t("plan-move-unchanged", variables));
  const event = {
    ...obligationEvent(chat, { ...stage, dueAt: deadline.dueAt }, "moved", ctx.from!.id, {
      from: new Date(stage.dueAt).toISOString(),
    }),
    source: `obligation:${stage.id}:moved:${ctx.updateKey}`,
  };
  if (!(await deps.obligations.move(stage.id, deadline.dueAt, now, event)))
    return say(ctx, chat, ctx.t("plan-already-done", { number: `S${stage.number}` }));
  await scheduleStageJobs(deps.jobs, calendar, timezone, { ...stage, dueAt: deadline.dueAt }, now);
  await say(
    ctx,
    chat,
    [ctx.t("plan-moved", variables), understoodDate(ctx.t, named, deadline, timezone, language)].join("\n"),
  );
}

async function completeStage(ctx: PlanContext, argument: string): Promise<void> {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const stage = await knownStage(ctx, chat, argument.trim(), "plan-example-done");
  if (stage !== undefined) await markDone(ctx, chat, stage, ctx.msg.date * 1000);
}

/** The stage is done; how late, in business days, is said and kept. */
async function markDone(ctx: BotContext, chat: Chat, stage: Obligation, doneAt: number): Promise<void> {
  const { deps } = ctx;
  const number = `S${stage.number}`;
  if (stage.state !== "open") return say(ctx, chat, ctx.t("plan-already-done", { number }));
  const rules = await regulationOf(deps, chat, doneAt);
  const calendar = calendarOf(rules);
  const late = businessDaysLate(calendar, stage.dueAt, doneAt);
  // The due date is the one in force: the client's delays (`/shift`) have already moved it.
  const penalty = stagePenalty(rules.regulation, calendar, stage.dueAt, doneAt);
  const record = obligationEvent(chat, stage, "done", ctx.from!.id, {
    businessDaysLate: late,
    ...(penalty === undefined ? {} : { penalty }),
  });
  const closed = await deps.obligations.close(
    stage.id,
    { closedAt: doneAt, closedBy: ctx.from!.id, businessDaysLate: late },
    record,
  );
  if (!closed) return;
  await cancelStageJobs(deps.jobs, stage.id);
  const variables = { number, title: stage.description, by: displayName(ctx.from!) };
  const done =
    late === 0 ? ctx.t("plan-done-on-time", variables) : ctx.t("plan-done-late", { ...variables, days: late });
  const language = rules.regulation.language;
  await say(
    ctx,
    chat,
    penalty === undefined ? done : [done, penaltyLine(ctx.t.bind(ctx), language, penalty, "penalty-stated")].join("\n"),
  );
}

/** A stage of this chat named `S2` or `2`; otherwise says which are known. */
async function knownStage(
  ctx: BotContext,
  chat: Chat,
  given: string,
  exampleKey: string,
): Promise<Obligation | undefined> {
  const number = STAGE_NUMBER.exec(given)?.[1];
  const stage =
    number === undefined ? undefined : await ctx.deps.obligations.byNumber(chat.id, "stage", Number(number));
  if (stage === undefined)
    await say(ctx, chat, ctx.t("plan-unknown", { given: given || "—", example: ctx.t(exampleKey) }));
  return stage;
}

async function openStage(
  ctx: BotContext,
  chat: Chat,
  given: string,
  exampleKey: string,
): Promise<Obligation | undefined> {
  const stage = await knownStage(ctx, chat, given, exampleKey);
  if (stage === undefined || stage.state === "open") return stage;
  await say(ctx, chat, ctx.t("plan-already-done", { number: `S${stage.number}` }));
  return undefined;
}

function say(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "plan", text)]);
}

export { feature as workPlanFeature };

import { whenAnswered } from "../../now-or-later.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { JobRepository } from "../../db/job-repository.js";
import type { BusinessCalendar } from "../../domain/calendar/index.js";
import { reminderTimes } from "../../domain/obligations/schedule.js";
import type { JobHandler } from "../scheduler.js";
import { calendarOf, regulationOf } from "../../bot/shared/chat-regulation.js";
import { formatLocalTime } from "../../bot/format/format-time.js";
import { obligationEvent } from "../../bot/shared/obligation-event.js";
import { personName } from "../../bot/format/people.js";
import { noticeDestination, openObligationOfJob, type ObligationJobDeps } from "./chat-notices.js";
import { translateIn } from "../../domain/languages.js";

export const STAGE_REMINDER = "stage-reminder";
export const STAGE_OVERDUE = "stage-overdue";

export function stageJobKeys(obligationId: number): { reminder: string; overdue: string } {
  return { reminder: `stage:${obligationId}:reminder`, overdue: `stage:${obligationId}:overdue` };
}

/** The button under a stage's announcements and reminders. */
export function stageDoneButton(label: string, stageId: number) {
  return { inline_keyboard: [[{ text: label, callback_data: `stage-done:${stageId}` }]] };
}

/**
 * Puts a stage's next reminder and its overdue notice where its current deadline calls for them,
 * even if they already ran: call it whenever a stage is added or its deadline moves.
 */
export async function scheduleStageJobs(
  jobs: Pick<JobRepository, "rearm" | "cancel">,
  calendar: BusinessCalendar,
  timezone: string,
  stage: Obligation,
  now: number,
): Promise<void> {
  const keys = stageJobKeys(stage.id);
  const payload = { obligationId: stage.id };
  const [nextReminder] = reminderTimes(calendar, timezone, now, stage.dueAt);
  if (nextReminder === undefined) await jobs.cancel(keys.reminder);
  else
    await jobs.rearm({
      kind: STAGE_REMINDER,
      dedupeKey: keys.reminder,
      chatId: stage.chatId,
      dueAt: nextReminder,
      payload,
    });
  await jobs.rearm({
    kind: STAGE_OVERDUE,
    dedupeKey: keys.overdue,
    chatId: stage.chatId,
    dueAt: stage.dueAt,
    payload,
    judgesConduct: true,
  });
}

export async function cancelStageJobs(jobs: Pick<JobRepository, "cancel">, stageId: number): Promise<void> {
  await jobs.cancel(...Object.values(stageJobKeys(stageId)));
}

export type StageJobDeps = ObligationJobDeps;

/**
 * The specialists hear about a stage at the opening of the business day before it is due and of
 * its due day; once it passes, the chat hears once that it is overdue. Both re-read the stage, so
 * a deadline moved after they were scheduled (by `/plan move` or a pause) is the one they use.
 */
export function stageJobs(deps: StageJobDeps): JobHandler[] {
  const { obligations, roles, people } = deps.repositories;
  const openStage = async (payload: string) => {
    const found = await openObligationOfJob(deps.repositories, payload);
    if (found === undefined) return undefined;
    const { obligation: stage, chat } = found;
    const rules = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
    const { regulation } = rules;
    const t = translateIn(deps.translate, regulation.language);
    const variables = {
      number: `S${stage.number}`,
      title: stage.description,
      due: formatLocalTime(stage.dueAt, regulation.timezone, regulation.language),
    };
    const to = noticeDestination(chat, regulation);
    const replyMarkup = stageDoneButton(t("plan-done-button", { number: variables.number }), stage.id);
    return { stage, chat, calendar: calendarOf(rules), timezone: regulation.timezone, t, variables, to, replyMarkup };
  };
  return [
    {
      kind: STAGE_REMINDER,
      async run(job, { now }) {
        const found = await openStage(job.payload);
        if (found === undefined) return {};
        const { stage, chat, calendar, timezone, t, variables, to, replyMarkup } = found;
        const times = reminderTimes(calendar, timezone, stage.createdAt, stage.dueAt);
        // A reminder time that no longer fits the deadline (it moved) says nothing; the next one is found afresh.
        const fits = times.includes(job.dueAt) && now < stage.dueAt;
        const nextDueAt = times.find((at) => at > now);
        const specialists = await Promise.all(
          (await roles.usersWithRole(chat.id, "specialist")).map(async (userId) =>
            personName(await people.find(chat.id, userId), userId),
          ),
        );
        const text = t("plan-reminder", {
          ...variables,
          specialists: specialists.join(", ") || t("plan-no-specialist"),
        });
        return {
          messages: fits ? [{ dedupeKey: `${job.dedupeKey}:${job.dueAt}:message`, to, text, replyMarkup }] : [],
          ...(nextDueAt === undefined ? {} : { nextDueAt }),
        };
      },
    },
    {
      kind: STAGE_OVERDUE,
      async run(job, { now }) {
        const found = await openStage(job.payload);
        if (found === undefined) return {};
        const { stage, chat, t, variables, to, replyMarkup } = found;
        if (stage.dueAt > now) return { nextDueAt: stage.dueAt };
        // Keyed by the deadline: a stage moved after one notice may be overdue again.
        const event = {
          ...obligationEvent(chat, stage, "overdue", null),
          source: `obligation:${stage.id}:overdue:${stage.dueAt}`,
        };
        const notice = {
          dedupeKey: `${job.dedupeKey}:${stage.dueAt}:message`,
          to,
          text: t("plan-overdue", variables),
          replyMarkup,
        };
        // Recorded with the job's outcome in the tick's transaction: told once, with the note.
        return {
          recordWith: () =>
            whenAnswered(obligations.markOverdueNotified(stage.id, now, event), (told) => (told ? [notice] : [])),
        };
      },
    },
  ];
}

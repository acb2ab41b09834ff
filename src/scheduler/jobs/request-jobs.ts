import { whenAnswered } from "../../now-or-later.js";
import { InlineKeyboard } from "grammy";
import type { NewJob } from "../../db/job-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { BusinessCalendar } from "../../domain/calendar/index.js";
import { reminderTimes } from "../../domain/obligations/schedule.js";
import type { JobHandler } from "../scheduler.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { obligationEvent } from "../../bot/shared/obligation-event.js";
import { formatLocalTime } from "../../bot/format/format-time.js";
import { personName } from "../../bot/format/people.js";
import { noticeDestination, openObligationOfJob, type ObligationJobDeps } from "./chat-notices.js";

export const REQUEST_REMINDER = "request-reminder";
export const REQUEST_OVERDUE = "request-overdue";
/** The overdue notice's button: a specialist applies the waiting to their deadlines (work-shift.ts). */
export const SHIFT_BUTTON = /^shift:(\d+)$/;

export function requestJobKeys(obligationId: number): { reminder: string; overdue: string } {
  return { reminder: `request:${obligationId}:reminder`, overdue: `request:${obligationId}:overdue` };
}

/** A request's reminders (in contact hours before its deadline, counted from `since`) and its overdue notice. */
export function requestDeadlineJobs(calendar: BusinessCalendar, request: Obligation, since: number): NewJob[] {
  const keys = requestJobKeys(request.id);
  const payload = { obligationId: request.id };
  const reminders = reminderTimes(calendar, calendar.timezone, since, request.dueAt).map((dueAt, index) => ({
    kind: REQUEST_REMINDER,
    dedupeKey: `${keys.reminder}:${index}`,
    chatId: request.chatId,
    dueAt,
    payload,
  }));
  return [
    ...reminders,
    {
      kind: REQUEST_OVERDUE,
      dedupeKey: keys.overdue,
      chatId: request.chatId,
      dueAt: request.dueAt,
      payload,
      judgesConduct: true,
    },
  ];
}

export type RequestJobDeps = ObligationJobDeps;

/**
 * The client contact is reminded in contact hours before the deadline; once it passes, the
 * chat hears once that the work may pause (quoting the contract's clause when there is one).
 */
export function requestJobs(deps: RequestJobDeps): JobHandler[] {
  const { obligations, roles, people } = deps.repositories;
  const openRequest = async (payload: string) => {
    const found = await openObligationOfJob(deps.repositories, payload);
    if (found === undefined) return undefined;
    const { obligation: request, chat } = found;
    const { regulation } = await regulationOf(
      { ...deps, regulations: deps.repositories.regulations },
      chat,
      request.createdAt,
    );
    const [clientId] = await roles.usersWithRole(chat.id, "client");
    const client =
      clientId === undefined
        ? deps.translate(regulation.language, "request-no-client")
        : personName(await people.find(chat.id, clientId), clientId);
    const variables = {
      number: `R${request.number}`,
      what: request.description,
      client,
      due: formatLocalTime(request.dueAt, regulation.timezone, regulation.language),
    };
    return { request, chat, regulation, variables, to: noticeDestination(chat, regulation) };
  };
  return [
    {
      kind: REQUEST_REMINDER,
      async run(job) {
        const found = await openRequest(job.payload);
        if (found === undefined) return {};
        const { request, regulation, variables, to } = found;
        return {
          messages: [
            {
              dedupeKey: `${job.dedupeKey}:message`,
              to,
              text: deps.translate(regulation.language, "request-reminder", variables),
              ...(request.sourceMessageId === null ? {} : { replyToMessageId: request.sourceMessageId }),
            },
          ],
        };
      },
    },
    {
      kind: REQUEST_OVERDUE,
      async run(job, { now }) {
        const found = await openRequest(job.payload);
        if (found === undefined) return {};
        const { request, chat, regulation, variables, to } = found;
        const clause = regulation.contract?.clause;
        const text = [
          deps.translate(regulation.language, "request-overdue", variables),
          ...(clause ? [deps.translate(regulation.language, "request-overdue-clause", { clause })] : []),
        ].join("\n");
        // The specialist may move their own deadlines by the time the work waits on this.
        const shiftButton = new InlineKeyboard().text(
          deps.translate(regulation.language, "shift-button"),
          `shift:${request.id}`,
        );
        const notice = { dedupeKey: `${job.dedupeKey}:message`, to, text, replyMarkup: shiftButton };
        const overdue = obligationEvent(chat, request, "overdue", null);
        // Recorded with the job's outcome in the tick's transaction: told once, with the note.
        return {
          recordWith: () =>
            whenAnswered(obligations.markOverdueNotified(request.id, now, overdue), (told) => (told ? [notice] : [])),
        };
      },
    },
  ];
}

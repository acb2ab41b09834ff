import { whenAnswered } from "../../now-or-later.js";
import type { Job, JobRepository } from "../../db/job-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { BusinessCalendar } from "../../domain/calendar/index.js";
import type { Language, Translate } from "../../domain/languages.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import { reminderTimes } from "../../domain/obligations/schedule.js";
import type { JobHandler } from "../scheduler.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { formatLocalTime } from "../../bot/format/format-time.js";
import { obligationEvent } from "../../bot/shared/obligation-event.js";
import { personName } from "../../bot/format/people.js";
import { noticeDestination } from "./chat-notices.js";

export const REVISION_REMINDER = "revision-reminder";
export const REVISION_OVERDUE = "revision-overdue";

const REMINDERS = [0, 1];
const reminderKey = (revisionId: number, index: number) => `revision:${revisionId}:reminder:${index}`;
const overdueKey = (revisionId: number) => `revision:${revisionId}:overdue`;

/** Armed for one due date: once the revision's due date moves, the job finds it stale and does nothing. */
interface ArmedFor {
  obligationId: number;
  dueAt: number;
}

/**
 * Arms a revision's reminders (at the opening of the business day before and of the due day)
 * and its overdue notice for its current due date; a reminder no longer ahead of `since` is
 * dropped. Arming again after the due date moved brings back those that already ran.
 */
export async function armRevisionJobs(
  jobs: Pick<JobRepository, "rearm" | "cancel">,
  calendar: BusinessCalendar,
  revision: Obligation,
  since: number,
): Promise<void> {
  const payload: ArmedFor = { obligationId: revision.id, dueAt: revision.dueAt };
  const times = reminderTimes(calendar, calendar.timezone, since, revision.dueAt);
  for (const index of REMINDERS) {
    const dueAt = times[index];
    if (dueAt === undefined) await jobs.cancel(reminderKey(revision.id, index));
    else
      await jobs.rearm({
        kind: REVISION_REMINDER,
        dedupeKey: reminderKey(revision.id, index),
        chatId: revision.chatId,
        dueAt,
        payload,
      });
  }
  await jobs.rearm({
    kind: REVISION_OVERDUE,
    dedupeKey: overdueKey(revision.id),
    chatId: revision.chatId,
    dueAt: revision.dueAt,
    payload,
    judgesConduct: true,
  });
}

/** Once delivered, nothing about it is due. */
export async function cancelRevisionJobs(jobs: Pick<JobRepository, "cancel">, revisionId: number): Promise<void> {
  await jobs.cancel(...REMINDERS.map((index) => reminderKey(revisionId, index)), overdueKey(revisionId));
}

export interface RevisionJobDeps {
  repositories: Pick<Repositories, "obligations" | "chats" | "roles" | "people" | "regulations" | "correspondence">;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/**
 * The specialists are reminded in the group before a revision is due; once it passes
 * undelivered, the chat hears once that it is overdue. Each is an event in the chat's log.
 */
export function revisionJobs(deps: RevisionJobDeps): JobHandler[] {
  const { obligations, chats, roles, people, correspondence } = deps.repositories;
  const stillDue = async (job: Job) => {
    const armed = JSON.parse(job.payload) as ArmedFor;
    const revision = await obligations.find(armed.obligationId);
    const chat =
      revision?.state === "open" && revision.dueAt === armed.dueAt ? await chats.findById(revision.chatId) : undefined;
    if (revision === undefined || chat === undefined || !chat.active) return undefined;
    const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
    const specialistIds = await roles.usersWithRole(chat.id, "specialist");
    const specialists = await Promise.all(
      specialistIds.map(async (userId) => personName(await people.find(chat.id, userId), userId)),
    );
    const variables = {
      number: obligationLabel("revision", revision.number),
      what: revision.description,
      due: formatLocalTime(revision.dueAt, regulation.timezone, regulation.language),
      specialists: specialists.join(", "),
    };
    const message = (text: string) => ({
      dedupeKey: `${job.dedupeKey}:${revision.dueAt}:message`,
      to: noticeDestination(chat, regulation),
      text: deps.translate(regulation.language, text, variables),
      ...(revision.sourceMessageId === null ? {} : { replyToMessageId: revision.sourceMessageId }),
    });
    // Keyed by the due date: a reopened or moved revision is reminded and found overdue afresh.
    const event = (name: string) => ({
      ...obligationEvent(chat, revision, name, null),
      source: `${job.dedupeKey}:${revision.dueAt}`,
    });
    return { revision, message, event };
  };
  return [
    {
      kind: REVISION_REMINDER,
      async run(job, { now }) {
        const found = await stillDue(job);
        if (found === undefined) return {};
        await correspondence.append([found.event("reminded")], now);
        return { messages: [found.message("revision-reminder")] };
      },
    },
    {
      kind: REVISION_OVERDUE,
      async run(job, { now }) {
        const found = await stillDue(job);
        if (found === undefined) return {};
        const notice = found.message("revision-overdue");
        const overdue = found.event("overdue");
        // Recorded with the job's outcome in the tick's transaction: told once, with the note.
        return {
          recordWith: () =>
            whenAnswered(obligations.markOverdueNotified(found.revision.id, now, overdue), (told) =>
              told ? [notice] : [],
            ),
        };
      },
    },
  ];
}

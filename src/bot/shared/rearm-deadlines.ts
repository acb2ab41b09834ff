import type { JobRepository } from "../../db/job-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { BusinessCalendar } from "../../domain/calendar/index.js";
import { requestDeadlineJobs, requestJobKeys } from "../../scheduler/jobs/request-jobs.js";
import { armRevisionJobs } from "../../scheduler/jobs/revision-jobs.js";
import { scheduleStageJobs } from "../../scheduler/jobs/stage-jobs.js";

/** A request has at most two reminders (the business day before and the due day). */
const REQUEST_REMINDERS = [0, 1];

/**
 * Re-arms a moved obligation's reminders and overdue notice for its new due date, counted from
 * `since`: those that already ran come back. Kinds without deadlines of their own are left alone.
 */
export async function rearmDeadline(
  jobs: Pick<JobRepository, "rearm" | "cancel">,
  calendar: BusinessCalendar,
  moved: Obligation,
  since: number,
): Promise<void> {
  if (moved.kind === "revision") return armRevisionJobs(jobs, calendar, moved, since);
  if (moved.kind === "stage") return scheduleStageJobs(jobs, calendar, calendar.timezone, moved, since);
  if (moved.kind !== "request") return;
  const { reminder } = requestJobKeys(moved.id);
  await jobs.cancel(...REQUEST_REMINDERS.map((index) => `${reminder}:${index}`));
  for (const job of requestDeadlineJobs(calendar, moved, since)) await jobs.rearm(job);
}

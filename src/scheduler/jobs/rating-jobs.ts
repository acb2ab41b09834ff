import type { Chat } from "../../db/chat-repository.js";
import { MONTHLY_RATING_JOB } from "../../db/rating-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { Language } from "../../domain/languages.js";
import { pauseRunningAt } from "../../domain/contract/cooling-pause.js";
import { localMonth, nextMonthlyAskAt } from "../../domain/ratings/rating-rules.js";
import type { JobHandler } from "../scheduler.js";
import { calendarOf, regulationOf } from "../../bot/shared/chat-regulation.js";
import { requestRating, type RatingRequestDeps } from "../../bot/shared/rating-request.js";

interface ScheduleDeps {
  repositories: Pick<Repositories, "ratings" | "regulations">;
  defaultLanguage: Language;
  defaultTimezone: string;
}

export type RatingJobDeps = ScheduleDeps &
  RatingRequestDeps & {
    repositories: ScheduleDeps["repositories"] & RatingRequestDeps["repositories"] & Pick<Repositories, "chats">;
    /** The ask is queued with its request (not with the job's completion): the sender is told at once. */
    wakeOutbox: () => void;
  };

/**
 * The month's rating: each chat's client contact is asked once a month (see `nextMonthlyAskAt`),
 * unless asked within the week, and not during a cooling-off pause. Run again after a crash, the
 * month's ask is found and not repeated.
 */
export function ratingJobs(deps: RatingJobDeps): JobHandler[] {
  return [
    {
      kind: MONTHLY_RATING_JOB,
      async run(job, { now }) {
        const chat = job.chatId === null ? undefined : await deps.repositories.chats.findById(job.chatId);
        if (chat === undefined || !chat.active) return {};
        // Nobody is asked to rate the work in the middle of a cooling-off pause: asked once it is over.
        const pause = pauseRunningAt(await deps.repositories.obligations.ofKind(chat.id, "pause"), now);
        if (pause !== undefined) return { nextDueAt: pause.dueAt };
        const rules = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
        const { timezone } = rules.regulation;
        const month = localMonth(job.dueAt, timezone);
        if ((await requestRating(deps, chat, rules.regulation, { kind: "monthly", month }, now)) !== undefined)
          deps.wakeOutbox();
        return { nextDueAt: nextMonthlyAskAt(calendarOf(rules), timezone, now) };
      },
    },
  ];
}

/** The chat's next monthly ask, from its regulation now: after joining, and on start for chats without one. */
export async function scheduleMonthlyRating(deps: ScheduleDeps, chat: Chat, now: number): Promise<void> {
  const rules = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
  await deps.repositories.ratings.scheduleMonthly(
    chat.id,
    nextMonthlyAskAt(calendarOf(rules), rules.regulation.timezone, now),
  );
}

/** On start: active chats without a monthly ask pending get one (those joined before ratings existed). */
export async function scheduleMissingMonthlyRatings(
  deps: ScheduleDeps & { repositories: Pick<Repositories, "chats"> },
  now: number,
): Promise<void> {
  for (const chatId of await deps.repositories.ratings.activeChatsWithoutMonthly()) {
    const chat = await deps.repositories.chats.findById(chatId);
    if (chat !== undefined) await scheduleMonthlyRating(deps, chat, now);
  }
}

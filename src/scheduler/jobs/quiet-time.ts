import type { Language } from "../../domain/languages.js";
import type { Repositories } from "../../db/repositories.js";
import { contractEnded } from "../../domain/contract/contract-end.js";
import { pauseRunningAt } from "../../domain/contract/cooling-pause.js";
import type { JobHandler } from "../scheduler.js";
import { activeChatOfJob } from "./chat-notices.js";
import { CALL_ENDED, CALL_REMINDER } from "./call-jobs.js";
import { REQUEST_OVERDUE, REQUEST_REMINDER } from "./request-jobs.js";
import { WINDOW_DUE, WINDOW_ESCALATION, WINDOW_WARNING } from "./response-window-jobs.js";
import { REVISION_OVERDUE, REVISION_REMINDER } from "./revision-jobs.js";
import { STAGE_OVERDUE, STAGE_REMINDER } from "./stage-jobs.js";
import { VOICE_REMINDER } from "./voice-jobs.js";

/** The work that reminds or warns someone, or judges an answer late. */
const REMINDING: ReadonlySet<string> = new Set([
  WINDOW_WARNING,
  WINDOW_DUE,
  WINDOW_ESCALATION,
  REQUEST_REMINDER,
  REQUEST_OVERDUE,
  REVISION_REMINDER,
  REVISION_OVERDUE,
  STAGE_REMINDER,
  STAGE_OVERDUE,
  CALL_REMINDER,
  CALL_ENDED,
  VOICE_REMINDER,
]);

export interface QuietTimeDeps {
  repositories: Pick<Repositories, "chats" | "regulations" | "obligations">;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/**
 * Reminders, warnings and breaches stop with the contract: one due at or after its end (by the
 * regulation in force when it runs) completes saying nothing. One due before it still counts.
 * One due while a cooling-off pause runs waits for its end, and then re-reads what it is about:
 * the deadlines moved past the pause, so most find nothing to say yet.
 */
export function quietTime(deps: QuietTimeDeps, handlers: readonly JobHandler[]): JobHandler[] {
  return handlers.map((handler) =>
    REMINDING.has(handler.kind)
      ? {
          ...handler,
          async run(job, context) {
            const found = await activeChatOfJob(deps, job);
            const period = found?.regulation.contract?.period;
            if (found !== undefined && contractEnded(period, found.regulation.timezone, job.dueAt)) return {};
            const pauses =
              found === undefined ? [] : await deps.repositories.obligations.ofKind(found.chat.id, "pause");
            const pause = pauseRunningAt(pauses, job.dueAt);
            if (pause !== undefined) return { nextDueAt: pause.dueAt };
            return handler.run(job, context);
          },
        }
      : handler,
  );
}

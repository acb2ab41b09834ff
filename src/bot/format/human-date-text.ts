import type { HumanDate, HumanDateErrorCode } from "../../domain/dates/human-date.js";
import type { Language, TranslateIn } from "../../domain/languages.js";
import type { StageDeadline } from "../../domain/obligations/plan.js";
import { formatLocalTime } from "./format-time.js";

/** What was wrong with a date (a call's missing time too), then a right example. */
export function dateRefusal(
  t: TranslateIn,
  error: { error: HumanDateErrorCode | "time-required"; text: string },
  example: string,
): string {
  return `${t(`date-error-${error.error}`, { text: error.text })}\n${t("date-example", { example })}`;
}

const UNDERSTOOD: Record<StageDeadline["basis"], string> = {
  time: "date-understood",
  close: "date-understood-close",
  "end-of-day": "date-understood-end",
};

/** "tomorrow 15:00" read as Fri 4 Dec 2026, 15:00 (Europe/Madrid): says how regbot understood the words. */
export function understoodDate(
  t: TranslateIn,
  named: HumanDate,
  deadline: StageDeadline,
  timezone: string,
  language: Language,
): string {
  return t(UNDERSTOOD[deadline.basis], {
    said: named.consumed,
    when: formatLocalTime(deadline.dueAt, timezone, language),
  });
}

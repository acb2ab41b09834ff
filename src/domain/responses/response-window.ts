import {
  addBusinessTime,
  businessMinutesBetween,
  dueAfter,
  type BusinessCalendar,
  type BusinessDuration,
  type PauseInterval,
} from "../calendar/index.js";
import type { WarnBefore } from "../regulation/durations.js";

export interface WindowTimes {
  dueAt: number;
  /** When the specialists are warned; undefined when the window is too short to warn before it closes. */
  warnAt: number | undefined;
}

/**
 * A client's message at `openedAt` is owed an answer by `dueAt`, under the rules in force then;
 * the chat's cooling-off `pauses` count as time outside hours.
 */
export function windowTimes(
  calendar: BusinessCalendar,
  openedAt: number,
  response: BusinessDuration,
  warnBefore: WarnBefore,
  pauses: readonly PauseInterval[] = [],
): WindowTimes {
  const dueAt = dueAfter(calendar, openedAt, response, pauses);
  const length = businessMinutesBetween(calendar, openedAt, dueAt, pauses);
  const warnAfter =
    warnBefore.unit === "percent" ? length * (1 - warnBefore.percent / 100) : length - warnBefore.minutes;
  return {
    dueAt,
    warnAt: warnAfter > 0 && warnAfter < length ? addBusinessTime(calendar, openedAt, warnAfter, pauses) : undefined,
  };
}

export interface Answer {
  /** Business minutes from the client's first message to the answer. */
  businessMinutes: number;
  onTime: boolean;
}

/** The answer's business time leaves out the cooling-off `pauses`, as its due time did. */
export function answerOf(
  calendar: BusinessCalendar,
  openedAt: number,
  dueAt: number,
  answeredAt: number,
  pauses: readonly PauseInterval[] = [],
): Answer {
  return {
    businessMinutes: businessMinutesBetween(calendar, openedAt, answeredAt, pauses),
    onTime: answeredAt <= dueAt,
  };
}

/** Business minutes an answer came after its due time; 0 when it came in time. */
export function minutesLate(
  calendar: BusinessCalendar,
  dueAt: number,
  answeredAt: number,
  pauses: readonly PauseInterval[] = [],
): number {
  return answeredAt <= dueAt ? 0 : businessMinutesBetween(calendar, dueAt, answeredAt, pauses);
}

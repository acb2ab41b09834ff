export const MINUTES_PER_DAY = 24 * 60;

const CLOCK_TIME = /^(\d{1,2})(?::(\d{2}))?$/;

/** Whether the text has the shape of a time (`9`, `10:30`), possible or not. */
export function looksLikeClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}

/**
 * `10`, `9:05`, `19:00` → minutes after midnight; `24:00` only where it can end a day.
 * Undefined for an impossible time such as `25:00` or `10:60`.
 */
export function clockTimeMinutes(text: string, { endOfDayAllowed }: { endOfDayAllowed: boolean }): number | undefined {
  const match = CLOCK_TIME.exec(text);
  if (match === null) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2] ?? "0");
  const limit = endOfDayAllowed ? MINUTES_PER_DAY : MINUTES_PER_DAY - 1;
  return Number(match[2] ?? "0") < 60 && minutes <= limit ? minutes : undefined;
}

/** Minutes after midnight → `HH:MM`, with 1440 as `24:00`. */
export function formatClockTime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

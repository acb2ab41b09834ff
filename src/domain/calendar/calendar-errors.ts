/** The calendar leaves no contact time to count in, so no deadline can be computed from it. */
export class NoBusinessHoursError extends Error {
  override readonly name = "NoBusinessHoursError";
}

/** The calendar spec breaks its own rules (unknown zone, overlapping hours, a date that does not exist). */
export class InvalidCalendarError extends Error {
  override readonly name = "InvalidCalendarError";
}

/** About two years of weeks: a search that finds no contact time for this long never will. */
export const SEARCH_LIMIT_WEEKS = 106;

export function noContactTimeAfter(timezone: string, ms: number): NoBusinessHoursError {
  return new NoBusinessHoursError(
    `The calendar (${timezone}) has no contact hours in the two years after ${new Date(ms).toISOString()}; ` +
      "check its weekly hours and holidays.",
  );
}

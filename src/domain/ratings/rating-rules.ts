import { DateTime } from "luxon";
import type { BusinessCalendar } from "../calendar/index.js";
import { nextOpening } from "../calendar/index.js";

/** What the client contact may give: 1 (poor) to 5 (excellent). */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

/** The client contact is asked at most once in this long, whatever the occasion. */
export const RATING_ASK_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000;
/** In a private chat, the client's next message within this long after rating is the comment. */
export const RATING_COMMENT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** `/status` averages the ratings of this long. */
export const RATING_AVERAGE_SPAN_MS = 90 * 24 * 60 * 60 * 1000;
/** The local time of day the monthly ask is due from, on the 1st (then the next contact hour). */
const MONTHLY_ASK_HOUR = 11;

/** A rating this low is sent at once to the specialists and the manager. */
export function isLowRating(score: number): boolean {
  return score <= 3;
}

export function isRatingScore(value: number): value is RatingScore {
  return (RATING_SCORES as readonly number[]).includes(value);
}

/** Why the client is asked: a revision just accepted, or the month's ask. */
export type RatingOccasion = { kind: "revision"; obligationId: number } | { kind: "monthly"; month: string };

/** The occasion as the ratings table keys it, so each is asked about once: `revision:12`, `monthly:2026-12`. */
export function occasionSource(occasion: RatingOccasion): string {
  return occasion.kind === "revision" ? `revision:${occasion.obligationId}` : `monthly:${occasion.month}`;
}

export function occasionOf(source: string): RatingOccasion | undefined {
  const revision = /^revision:(\d+)$/.exec(source);
  if (revision !== null) return { kind: "revision", obligationId: Number(revision[1]) };
  const monthly = /^monthly:(\d{4}-\d{2})$/.exec(source);
  return monthly === null ? undefined : { kind: "monthly", month: monthly[1]! };
}

/** The local month (`2026-12`) an instant falls in. */
export function localMonth(ms: number, timezone: string): string {
  return DateTime.fromMillis(ms, { zone: timezone }).toFormat("yyyy-MM");
}

/**
 * When the month's ask is next due, strictly after `afterMs`: the 1st of a month at 11:00 local
 * time, or the next contact hour after it (a 1st on a weekend or holiday moves to the next
 * business day's opening). It stays in that month, which names the ask.
 */
export function nextMonthlyAskAt(calendar: BusinessCalendar, timezone: string, afterMs: number): number {
  let first = DateTime.fromMillis(afterMs, { zone: timezone }).startOf("month").set({ hour: MONTHLY_ASK_HOUR });
  for (;;) {
    const due = nextOpening(calendar, first.toMillis());
    if (due > afterMs) return due;
    first = first.plus({ months: 1 }).set({ hour: MONTHLY_ASK_HOUR });
  }
}

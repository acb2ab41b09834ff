import type { IANAZone } from "luxon";

/**
 * Local dates and wall-clock times as plain numbers: a day number counts days since 1970-01-01,
 * and a "wall" value is a local date-time written as if it were UTC epoch milliseconds.
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** The day number of an ISO date `YYYY-MM-DD`, or undefined if no such date exists. */
export function dayNumberOfIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? date.getTime() / DAY_MS : undefined;
}

export function requireInstant(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be epoch milliseconds, got ${ms}`);
}

/**
 * The UTC instant at which the zone's wall clock first reads `wall`. A time repeated by a
 * fall-back means its first occurrence; a time skipped by a spring-forward means the instant
 * the clock jumps past it.
 */
export function instantOfWallTime(zone: IANAZone, wall: number): number {
  // The offsets in force a day either side of `wall` are the two sides of any transition near it.
  const before = offsetMs(zone, wall - DAY_MS);
  const after = offsetMs(zone, wall + DAY_MS);
  const larger = Math.max(before, after);
  const smaller = Math.min(before, after);
  if (offsetMs(zone, wall - larger) === larger) return wall - larger;
  if (offsetMs(zone, wall - smaller) === smaller) return wall - smaller;
  return firstInstantShowingAtLeast(zone, wall, wall - larger, wall - smaller);
}

/** Inside a spring-forward gap the wall clock rises monotonically, so a bisection finds the jump. */
function firstInstantShowingAtLeast(zone: IANAZone, wall: number, low: number, high: number): number {
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (middle + offsetMs(zone, middle) >= wall) high = middle;
    else low = middle + 1;
  }
  return low;
}

function offsetMs(zone: IANAZone, ms: number): number {
  const offset = zone.offset(ms) * MINUTE_MS;
  if (!Number.isFinite(offset)) throw new RangeError(`instant ${ms} is outside the supported range of dates`);
  return offset;
}

import { DateTime } from "luxon";
import type { Digest } from "./regulation/digest.js";

/**
 * When a chat's daily checkpoint is due: at the digest's local time, so that on the digest's
 * day the two are one message; at 17:00, the end of a usual working day, when the digest is off.
 */
const WITHOUT_DIGEST = 17 * 60;

/** The first checkpoint time strictly after `afterMs`, in the chat's zone (kept across DST changes). */
export function nextCheckpointAt(digest: Digest, timezone: string, afterMs: number): number {
  const minute = digest.kind === "weekly" ? digest.time : WITHOUT_DIGEST;
  const on = (day: DateTime) =>
    day
      .startOf("day")
      .set({ hour: Math.floor(minute / 60), minute: minute % 60 })
      .toMillis();
  const after = DateTime.fromMillis(afterMs, { zone: timezone });
  const today = on(after);
  return today > afterMs ? today : on(after.plus({ days: 1 }));
}

/** On the digest's local day the digest carries the checkpoint, so the daily one stays silent. */
export function isDigestDay(digest: Digest, timezone: string, atMs: number): boolean {
  return digest.kind === "weekly" && DateTime.fromMillis(atMs, { zone: timezone }).weekday === digest.weekday;
}

import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isDigestDay, nextCheckpointAt } from "./checkpoint-schedule.js";
import type { Digest } from "./regulation/digest.js";

const madrid = "Europe/Madrid";
const at = (iso: string) => DateTime.fromISO(iso, { zone: madrid }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone: madrid }).toFormat("yyyy-MM-dd HH:mm ccc");
const fridayAtFour: Digest = { kind: "weekly", weekday: 5, time: 16 * 60 };

describe("the daily checkpoint's time", () => {
  it("is the digest's local time every day, later today or tomorrow", () => {
    expect(local(nextCheckpointAt(fridayAtFour, madrid, at("2026-12-01T09:00")))).toBe("2026-12-01 16:00 Tue");
    expect(local(nextCheckpointAt(fridayAtFour, madrid, at("2026-12-01T16:00")))).toBe("2026-12-02 16:00 Wed");
  });

  it("is 17:00 when the digest is off", () => {
    expect(local(nextCheckpointAt({ kind: "off" }, madrid, at("2026-12-01T18:00")))).toBe("2026-12-02 17:00 Wed");
  });

  it("keeps the local time across the spring clock change", () => {
    const before = nextCheckpointAt(fridayAtFour, madrid, at("2027-03-27T17:00"));
    expect(local(before)).toBe("2027-03-28 16:00 Sun");
    expect(before - at("2027-03-27T16:00")).toBe(23 * 3600_000);
  });

  it("gives way to the digest on the digest's day only", () => {
    expect(isDigestDay(fridayAtFour, madrid, at("2026-12-04T16:00"))).toBe(true);
    expect(isDigestDay(fridayAtFour, madrid, at("2026-12-03T16:00"))).toBe(false);
    // 00:30 on Saturday in Madrid is still Friday in UTC: the chat's own day counts.
    expect(isDigestDay(fridayAtFour, madrid, at("2026-12-05T00:30"))).toBe(false);
    expect(isDigestDay({ kind: "off" }, madrid, at("2026-12-04T16:00"))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { pauseEndsAt, pauseIntervals, pauseRunningAt, proposedEnd, readPauseProposal } from "./cooling-pause.js";

describe("a cooling-off pause's proposal", () => {
  it("reads a length in wall-clock time and the reason after it", () => {
    expect(readPauseProposal(" 24h  We both need a day ")).toEqual({
      ok: true,
      minutes: 1440,
      reason: "We both need a day",
    });
    expect(readPauseProposal("2d")).toEqual({ ok: true, minutes: 2880, reason: "" });
    expect(readPauseProposal("90m")).toEqual({ ok: true, minutes: 90, reason: "" });
  });

  it("refuses a missing, unreadable or too long length", () => {
    expect(readPauseProposal("")).toMatchObject({ ok: false, error: "missing" });
    expect(readPauseProposal("abc")).toMatchObject({ ok: false, error: "unreadable", given: "abc" });
    expect(readPauseProposal("0h")).toMatchObject({ ok: false, error: "unreadable" });
    expect(readPauseProposal("7d")).toMatchObject({ ok: true, minutes: 7 * 24 * 60 });
    expect(readPauseProposal("169h")).toMatchObject({ ok: false, error: "too-long", given: "169h" });
  });
});

describe("an accepted pause", () => {
  const proposed = { state: "open" as const, createdAt: 1_000, confirmedAt: null, dueAt: proposedEnd(1_000, 60) };

  it("runs for the proposed length from its acceptance", () => {
    expect(pauseEndsAt(proposed, 5_000)).toBe(5_000 + 3_600_000);
  });

  it("is a clock's pause only once accepted, and not once declined", () => {
    const accepted = { ...proposed, confirmedAt: 5_000, dueAt: 3_605_000 };
    const declined = { ...proposed, state: "cancelled" as const };
    expect(pauseIntervals([proposed, accepted, declined])).toEqual([{ start: 5_000, end: 3_605_000 }]);
    expect(pauseRunningAt([proposed, accepted], 5_000)).toBe(accepted);
    expect(pauseRunningAt([proposed, accepted], 3_605_000)).toBeUndefined();
    expect(pauseRunningAt([proposed], 2_000)).toBeUndefined();
  });
});

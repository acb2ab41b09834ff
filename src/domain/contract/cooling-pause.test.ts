import { describe, expect, it } from "vitest";
import {
  isAwaitingAnswer,
  pauseEndsAt,
  pauseIntervals,
  pauseRunningAt,
  pauseState,
  proposalLapsesAt,
  proposedEnd,
  readPauseProposal,
} from "./cooling-pause.js";

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

describe("an unanswered proposal", () => {
  const day = 24 * 3_600_000;
  const proposal = {
    state: "open" as const,
    createdAt: 1_000,
    confirmedAt: null,
    dueAt: proposedEnd(1_000, 60),
    createdBy: 7,
    closedBy: null,
  };

  it("lapses a day of wall time after it was proposed, whatever the length it asks for", () => {
    expect(proposalLapsesAt(proposal)).toBe(1_000 + day);
    const weekLong = { ...proposal, dueAt: proposedEnd(1_000, 7 * 24 * 60) };
    expect(proposalLapsesAt(weekLong)).toBe(1_000 + day);
  });

  it("awaits an answer until then, and has lapsed from then on, recorded or not", () => {
    expect(isAwaitingAnswer(proposal, 1_000 + day - 1)).toBe(true);
    expect(pauseState(proposal, 1_000 + day - 1)).toBe("awaiting answer");
    expect(isAwaitingAnswer(proposal, 1_000 + day)).toBe(false);
    expect(pauseState(proposal, 1_000 + day)).toBe("lapsed");
    const closed = { ...proposal, state: "cancelled" as const };
    expect(pauseState(closed, 2_000)).toBe("lapsed");
    expect(pauseState({ ...closed, closedBy: 7 }, 2_000)).toBe("withdrawn");
    expect(pauseState({ ...closed, closedBy: 8 }, 2_000)).toBe("declined");
    expect(pauseIntervals([closed])).toEqual([]);
  });
});

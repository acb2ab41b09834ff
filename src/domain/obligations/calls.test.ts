import { describe, expect, it } from "vitest";
import { callEndsAt, callReminderAt, nextCall, unminutedCalls, type AgreedCall } from "./calls.js";

const HOUR = 3_600_000;
const now = 100 * HOUR;
const call = (startsIn: number, confirmed: boolean, state: AgreedCall["state"] = "open"): AgreedCall => ({
  dueAt: now + startsIn * HOUR,
  state,
  confirmedAt: confirmed ? now - HOUR : null,
});

describe("an agreed call's schedule", () => {
  it("reminds the set minutes before and takes the call as over an hour after it starts", () => {
    expect(callReminderAt(now, 10)).toBe(now - 10 * 60_000);
    expect(callEndsAt(now)).toBe(now + HOUR);
  });

  it("the next call is the first open one not over yet, confirmed or not", () => {
    const going = call(-0.5, true);
    expect(nextCall([call(5, false), going, call(-2, true), call(1, true, "cancelled")], now)).toBe(going);
  });

  it("a call without minutes is a confirmed open one that is over; proposals never confirmed and minuted calls are not", () => {
    const older = call(-30, true);
    const recent = call(-2, true);
    expect(unminutedCalls([recent, call(-2, false), call(-3, true, "done"), older, call(-0.5, true)], now)).toEqual([
      older,
      recent,
    ]);
  });
});

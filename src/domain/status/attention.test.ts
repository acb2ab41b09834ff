import { describe, expect, it } from "vitest";
import { byAttention, reportingPeriodStart, type ChatAttention } from "./attention.js";

const now = Date.UTC(2026, 11, 2, 13, 0);
const minutes = (n: number) => n * 60_000;

describe("what needs attention first", () => {
  it("puts an overdue answer first, then past breaches, then answers due soonest, then quiet chats by name", () => {
    const chats: ChatAttention[] = [
      { title: "Quiet B", breached: 0 },
      { title: "Due later", breached: 0, waitingDueAt: now + minutes(90) },
      { title: "Quiet A", breached: 0 },
      { title: "Two breaches", breached: 2 },
      { title: "Due soon", breached: 0, waitingDueAt: now + minutes(10) },
      { title: "Overdue", breached: 1, waitingDueAt: now - minutes(5) },
      { title: "One breach", breached: 1 },
    ];
    expect([...chats].sort(byAttention(now)).map((chat) => chat.title)).toEqual([
      "Overdue",
      "Two breaches",
      "One breach",
      "Due soon",
      "Due later",
      "Quiet A",
      "Quiet B",
    ]);
  });

  it("puts overdue requests, revisions, stages, calls and voice messages after breaches and before answers merely due", () => {
    const chats: ChatAttention[] = [
      { title: "Quiet", breached: 0 },
      { title: "Due soon", breached: 0, waitingDueAt: now + minutes(10) },
      { title: "One overdue", breached: 0, overdue: 1 },
      { title: "Breach", breached: 1 },
      { title: "Three overdue", breached: 0, overdue: 3 },
    ];
    expect([...chats].sort(byAttention(now)).map((chat) => chat.title)).toEqual([
      "Breach",
      "Three overdue",
      "One overdue",
      "Due soon",
      "Quiet",
    ]);
  });

  it("reports since the last digest, or over the last seven days before the first one", () => {
    expect(reportingPeriodStart(now - minutes(30), now)).toBe(now - minutes(30));
    expect(reportingPeriodStart(undefined, now)).toBe(now - 7 * 24 * 60 * minutes(1));
  });
});

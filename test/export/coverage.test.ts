import { describe, expect, it } from "vitest";
import type { ExportedObligation } from "../../src/db/export-repository.js";
import { coverageDocument, obligationsDocument } from "../../src/export/bundle-documents.js";

const hour = 3_600_000;
const start = Date.parse("2026-11-02T00:00:00Z");
const run = (id: number, startedAt: number, lastSeenAt: number, stoppedAt: number | null) => ({ id, startedAt, lastSeenAt, stoppedAt, lastTelegramContactAt: lastSeenAt });

describe("coverage.json", () => {
  it("shows the gaps between regbot's runs and flags those longer than Telegram keeps updates", () => {
    const runs = [run(1, start, start + 10 * hour, start + 10 * hour), run(2, start + 12 * hour, start + 20 * hour, null), run(3, start + 50 * hour, start + 60 * hour, null)];
    const coverage = coverageDocument(runs, [], true, undefined);
    expect(coverage.gaps).toEqual([
      { from: "2026-11-02T10:00:00.000Z", to: "2026-11-02T12:00:00.000Z", hours: 2, previous_run_stopped_cleanly: true, beyond_telegram_retention: false },
      { from: "2026-11-02T20:00:00.000Z", to: "2026-11-04T02:00:00.000Z", hours: 30, previous_run_stopped_cleanly: false, beyond_telegram_retention: true },
    ]);
    expect(coverage.standing_facts.join(" ")).toMatch(/other bots' messages.*deleted/s);
  });

  it("shows when regbot was removed from the chat, from its return's visibility change", () => {
    const line = JSON.stringify({ payload: { complete: true, reason: "reads_all_messages", absent: { from: start, to: start + 51 * hour } } });
    const returned = { seq: 40, receivedAt: start + 51 * hour, line } as unknown as Parameters<typeof coverageDocument>[1][number];
    expect(coverageDocument([], [returned], true, undefined).visibility_changes).toEqual([
      {
        seq: 40, at: "2026-11-04T03:00:00.000Z", sees_all_messages: true, reason: "reads_all_messages",
        removed_from_chat: { from: "2026-11-02T00:00:00.000Z", to: "2026-11-04T03:00:00.000Z" },
      },
    ]);
  });

  it("keeps only the gaps and runs that touch the period", () => {
    const runs = [run(1, start, start + hour, start + hour), run(2, start + 2 * hour, start + 3 * hour, start + 3 * hour), run(3, start + 100 * hour, start + 101 * hour, null)];
    const coverage = coverageDocument(runs, [], true, { from: start + 50 * hour, to: start + 60 * hour });
    expect(coverage.runs).toEqual([]);
    expect(coverage.gaps.map((gap) => gap.hours)).toEqual([97]);
  });
});

describe("obligations.json", () => {
  it("says that obligation kinds regbot does not track yet are empty for that reason", () => {
    const document = obligationsDocument([], [], undefined);
    expect(document).toMatchObject({ response_windows: [], information_requests: [], deadlines: [] });
    expect(document.note).toContain("not evidence that none existed");
  });

  it("lists information requests with their due and closing times, within the period", () => {
    const request = (number: number, createdAt: number) =>
      ({ id: number, chatId: 1, kind: "request", number, description: "Access to the ad account", createdBy: 501, createdAt, dueAt: createdAt + 48 * hour, state: "done", closedAt: createdAt + hour, closedBy: 601 }) as unknown as ExportedObligation;
    const document = obligationsDocument([], [request(1, start), request(2, start + 72 * hour)], { from: start + 24 * hour, to: start + 96 * hour });
    expect(document.information_requests).toEqual([
      expect.objectContaining({ number: 2, createdAt: "2026-11-05T00:00:00.000Z", dueAt: "2026-11-07T00:00:00.000Z", closedAt: "2026-11-05T01:00:00.000Z", closedBy: 601 }),
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { LogFacts } from "../../src/bundle/documents.mjs";

/** coverage.json and obligations.json as the bundle derives them from the log's events. */
const hour = 3_600_000;
const start = Date.parse("2026-11-02T00:00:00Z");
const at = (ms: number) => new Date(ms).toISOString();
let seq = 0;
const event = (kind: string, ms: number, payload: unknown) => {
  seq += 1;
  return { seq, kind, at: at(ms), payload };
};

/** regbot's start and stop events in a chat's log, as run-boundaries writes them. */
function runs(...spans: Array<{ id: number; startedAt: number; lastSeenAt: number; stoppedAt: number | null }>) {
  const events = [];
  for (const [index, run] of spans.entries()) {
    const previous = spans[index - 1];
    const previousRun =
      previous === undefined
        ? null
        : {
            id: previous.id,
            startedAt: at(previous.startedAt),
            lastSeenAt: at(previous.lastSeenAt),
            stoppedCleanly: previous.stoppedAt !== null,
          };
    events.push(event("lifecycle", run.startedAt, { event: "start", run: run.id, previousRun }));
    if (run.stoppedAt !== null) events.push(event("lifecycle", run.stoppedAt, { event: "stop", run: run.id }));
  }
  return events;
}
const run = (id: number, startedAt: number, lastSeenAt: number, stoppedAt: number | null) => ({
  id,
  startedAt,
  lastSeenAt,
  stoppedAt,
});

function facts(events: ReturnType<typeof event>[], exported = true) {
  const log = new LogFacts();
  for (const one of events) log.add(one, exported);
  return log;
}

describe("coverage.json", () => {
  it("shows the gaps between regbot's runs and flags those longer than Telegram keeps updates", () => {
    const log = facts(
      runs(
        run(1, start, start + 10 * hour, start + 10 * hour),
        run(2, start + 12 * hour, start + 20 * hour, null),
        run(3, start + 50 * hour, start + 60 * hour, null),
      ),
    );
    const coverage = log.coverage(null);
    expect(coverage.gaps).toEqual([
      {
        from: "2026-11-02T10:00:00.000Z",
        to: "2026-11-02T12:00:00.000Z",
        hours: 2,
        previous_run_stopped_cleanly: true,
        beyond_telegram_retention: false,
      },
      {
        from: "2026-11-02T20:00:00.000Z",
        to: "2026-11-04T02:00:00.000Z",
        hours: 30,
        previous_run_stopped_cleanly: false,
        beyond_telegram_retention: true,
      },
    ]);
    expect(coverage.standing_facts.join(" ")).toMatch(/other bots' messages.*deleted/s);
  });

  it("shows when regbot was removed from the chat, from its return's visibility change", () => {
    const returned = {
      seq: 40,
      kind: "coverage",
      at: at(start + 51 * hour),
      payload: { complete: true, reason: "reads_all_messages", absent: { from: start, to: start + 51 * hour } },
    };
    expect(facts([returned]).coverage(null).visibility_changes).toEqual([
      {
        seq: 40,
        at: "2026-11-04T03:00:00.000Z",
        sees_all_messages: true,
        reason: "reads_all_messages",
        removed_from_chat: { from: "2026-11-02T00:00:00.000Z", to: "2026-11-04T03:00:00.000Z" },
      },
    ]);
  });

  it("keeps only the gaps and runs that touch the period", () => {
    const log = facts(
      runs(
        run(1, start, start + hour, start + hour),
        run(2, start + 2 * hour, start + 3 * hour, start + 3 * hour),
        run(3, start + 100 * hour, start + 101 * hour, null),
      ),
    );
    const coverage = log.coverage({ from: start + 50 * hour, to: start + 60 * hour });
    expect(coverage.runs).toEqual([]);
    expect(coverage.gaps.map((gap) => gap.hours)).toEqual([97]);
  });

  it("says what regbot could see when a period starts, from the events before it", () => {
    const log = facts(
      [event("coverage", start, { complete: false, reason: "privacy_mode_without_admin_rights" })],
      false,
    );
    expect(log.coverage(null)).toMatchObject({
      visibility_changes: [],
      sees_all_messages_at_start: false,
      sees_all_messages_at_end: false,
    });
  });
});

describe("obligations.json", () => {
  it("lists every kind of obligation the log records, and says how to read an empty list", () => {
    const document = facts([]).obligations();
    expect(document).toMatchObject({ response_windows: [], information_requests: [], deadlines: [] });
    expect(document.note).toContain("Obligations with an event in the exported events");
  });

  it("lists information requests with their due and closing times, from their events", () => {
    const request = (event: string, _ms: number, by: number | null) => ({
      event,
      kind: "request",
      number: 2,
      description: "Access to the ad account",
      dueAt: at(start + 120 * hour),
      by,
    });
    const log = facts([
      event("obligation", start + 72 * hour, request("created", start + 72 * hour, 501)),
      event("obligation", start + 73 * hour, request("provided", start + 73 * hour, 601)),
    ]);
    expect(log.obligations().information_requests).toEqual([
      expect.objectContaining({
        number: 2,
        created_at: "2026-11-05T00:00:00.000Z",
        due_at: "2026-11-07T00:00:00.000Z",
        state: "provided",
      }),
    ]);
    expect(log.obligations().information_requests[0]!.events).toEqual([
      {
        event: "created",
        at: "2026-11-05T00:00:00.000Z",
        description: "Access to the ad account",
        dueAt: "2026-11-07T00:00:00.000Z",
        by: 501,
      },
      {
        event: "provided",
        at: "2026-11-05T01:00:00.000Z",
        description: "Access to the ad account",
        dueAt: "2026-11-07T00:00:00.000Z",
        by: 601,
      },
    ]);
  });

  it("keeps a window open when a cooling-off pause moves its due time", () => {
    const log = facts([
      event("window", start, { event: "opened", windowId: 8, dueAt: at(start + 2 * hour), regulationVersion: 1 }),
      event("window", start + hour, {
        event: "moved",
        windowId: 8,
        dueAt: at(start + 26 * hour),
        previousDueAt: at(start + 2 * hour),
        pause: "P1",
      }),
    ]);
    expect(log.obligations().response_windows).toEqual([
      expect.objectContaining({ id: 8, due_at: at(start + 26 * hour), state: "open" }),
    ]);
  });

  it("follows a response window from its opening to its answer", () => {
    const log = facts([
      event("window", start, { event: "opened", windowId: 7, dueAt: at(start + 2 * hour), regulationVersion: 1 }),
      event("window", start + hour, { event: "answered", windowId: 7, businessMinutes: 60, onTime: true }),
    ]);
    expect(log.obligations().response_windows).toEqual([
      expect.objectContaining({
        id: 7,
        opened_at: at(start),
        due_at: at(start + 2 * hour),
        state: "answered",
        answered_at: at(start + hour),
        business_minutes: 60,
        on_time: true,
        breached_at: null,
      }),
    ]);
  });
});

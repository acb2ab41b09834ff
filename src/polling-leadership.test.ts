import { GrammyError } from "grammy";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { SoleLeadership } from "./leadership.js";
import { type Poller, PollingLeadership } from "./polling-leadership.js";

const logger = pino({ level: "silent" });

/** A poller that polls until stopped, or until the test makes its current poll fail. */
function fakePoller() {
  const calls: string[] = [];
  let current: { resolve(): void; reject(error: unknown): void } | undefined;
  const poller: Poller = {
    start: () => {
      calls.push("start");
      return new Promise<void>((resolve, reject) => {
        current = { resolve, reject };
      });
    },
    stop: async () => {
      calls.push("stop");
      await new Promise((resolve) => setTimeout(resolve, 20));
      current?.resolve();
      calls.push("stopped");
    },
  };
  return { calls, poller, fail: (error: unknown) => current?.reject(error) };
}

function conflict(): GrammyError {
  return new GrammyError(
    "Call to 'getUpdates' failed!",
    { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request" },
    "getUpdates",
    {},
  );
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("polling under a leadership", () => {
  it("polls from the start with SQLite's sole leadership, and has stopped once the leadership has", async () => {
    const leadership = new SoleLeadership("regbot:polling", logger);
    const { calls, poller } = fakePoller();
    const runner = new PollingLeadership({
      leadership,
      poller,
      logger,
      onFailed: (error) => expect.fail(String(error)),
    });
    runner.start();
    expect(calls).toEqual([]);
    await leadership.start();
    expect(calls).toEqual(["start"]);
    await leadership.stop();
    expect(calls).toEqual(["start", "stop", "stopped"]);
    await leadership.start();
    expect(calls).toEqual(["start", "stop", "stopped", "start"]);
    await runner.stop();
    await leadership.stop();
    expect(calls).toEqual(["start", "stop", "stopped", "start", "stop", "stopped"]);
  });

  it("polls at once when started under a leadership already held", async () => {
    const leadership = new SoleLeadership("regbot:polling", logger);
    await leadership.start();
    const { calls, poller } = fakePoller();
    const runner = new PollingLeadership({
      leadership,
      poller,
      logger,
      onFailed: (error) => expect.fail(String(error)),
    });
    runner.start();
    expect(calls).toEqual(["start"]);
    await runner.stop();
    expect(calls).toEqual(["start", "stop", "stopped"]);
  });

  it("polls again after a conflict just after taking over: the previous leader's last getUpdates", async () => {
    const leadership = new SoleLeadership("regbot:polling", logger);
    const { calls, poller, fail } = fakePoller();
    const failures: unknown[] = [];
    const runner = new PollingLeadership({
      leadership,
      poller,
      logger,
      onFailed: (error) => failures.push(error),
      repollAfterMs: 10,
    });
    runner.start();
    await leadership.start();
    fail(conflict());
    await until(() => calls.length === 2);
    expect(calls).toEqual(["start", "start"]);
    expect(failures).toEqual([]);
    await runner.stop();
    await leadership.stop();
  });

  it("gives up on a conflict long after taking over, or on any other failure, and polls no more", async () => {
    for (const [error, handoverMs] of [
      [conflict(), 0],
      [
        new GrammyError("Unauthorized", { ok: false, error_code: 401, description: "Unauthorized" }, "getUpdates", {}),
        30_000,
      ],
    ] as const) {
      const leadership = new SoleLeadership("regbot:polling", logger);
      const { calls, poller, fail } = fakePoller();
      const failures: unknown[] = [];
      const runner = new PollingLeadership({
        leadership,
        poller,
        logger,
        onFailed: (failure) => failures.push(failure),
        handoverMs,
        repollAfterMs: 1,
      });
      runner.start();
      await leadership.start();
      await new Promise((resolve) => setTimeout(resolve, 5));
      fail(error);
      await until(() => failures.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(failures).toEqual([error]);
      expect(calls).toEqual(["start"]);
      await runner.stop();
      await leadership.stop();
    }
  });
});

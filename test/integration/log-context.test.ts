import { afterEach, describe, expect, it } from "vitest";
import { clientGroup } from "../support/client-group.js";
import type { Harness } from "../support/harness.js";
import { client, group } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group();
const scenario = clientGroup(chat, "Europe/Madrid");

function logLines(message: string): Array<Record<string, unknown>> {
  const lines = harness.logs.flatMap((chunk) => chunk.split("\n")).filter((line) => line.startsWith("{"));
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === message);
}

describe("log lines carry their context", () => {
  it("an update's with its key and chat, a job's with its id, kind and key", async () => {
    harness = await scenario.open("2026-12-07T10:00");
    const [joined] = harness.query<{ key: number }>("select key from inbox_updates order by key limit 1");
    expect(logLines("added to chat")).toEqual([expect.objectContaining({ update: joined!.key, chat: chat.id })]);

    await scenario.write(client, "When will the report be ready?");
    scenario.setTime("2026-12-10T10:00");
    await scenario.tick();
    const lateJobs = harness.query<{ id: number; kind: string; dedupe_key: string }>(
      "select id, kind, dedupe_key from jobs where ran_late = 1 order by id",
    );
    expect(lateJobs.length).toBeGreaterThan(0);
    const logged = logLines("job ran late").map(({ job, kind, key }) => ({ id: job, kind, dedupe_key: key }));
    expect(logged.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(lateJobs);
  });
});

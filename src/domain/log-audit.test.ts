import { describe, expect, it } from "vitest";
import { sealEvent, type SealedEvent } from "./evidence-chain.js";
import { auditLog, differenceFromOriginal } from "./log-audit.js";
import { eventLeaf, merkleRoot } from "./merkle.js";

const at = "2026-12-01T09:00:00.000Z";

/** A chat's log: two messages, a checkpoint of them (with `root`, or the true root), one more message. */
function aLog(root?: string): SealedEvent[] {
  const log: SealedEvent[] = [];
  const append = (kind: string, payload: unknown) =>
    log.push(sealEvent(log.at(-1), { chat: 1, kind, source: `update:${log.length + 1}`, at, payload }));
  append("message", { text: "Hi" });
  append("message", { text: "Hello" });
  const trueRoot = merkleRoot(log.map((event) => eventLeaf(event.hash))).toString("hex");
  append("checkpoint", { size: 2, root: root ?? trueRoot, subtrees: [], messageKey: "checkpoint:1" });
  append("message", { text: "Thanks" });
  return log;
}

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe("auditing a chat's log", () => {
  it("finds the chain intact and the checkpoint holding the root of the events before it", async () => {
    const audit = await auditLog(stream(aLog()));
    expect(audit.verdict).toMatchObject({ intact: true, count: 4 });
    expect(audit.root).toBe(merkleRoot(aLog().map((event) => eventLeaf(event.hash))).toString("hex"));
    expect(audit.checkpoints).toEqual([{ seq: 3, size: 2, root: expect.any(String), holds: true }]);
    expect(differenceFromOriginal(audit, await auditLog(stream(aLog())))).toBeUndefined();
  });

  it("names a checkpoint whose root is not the log's", async () => {
    const forged = await auditLog(stream(aLog("f".repeat(64))));
    expect(forged.verdict.intact).toBe(true);
    expect(differenceFromOriginal(forged, forged)).toBe("checkpoint at sequence 3 does not match the events before it");
  });

  it("tells a copy that lost its last event, or had a line changed, from its original", async () => {
    const original = await auditLog(stream(aLog()));
    expect(differenceFromOriginal(original, await auditLog(stream(aLog().slice(0, 3))))).toBe(
      "the copy has 3 events, the original 4",
    );
    const changed = aLog().map((event) =>
      event.seq === 2 ? { ...event, line: event.line.replace("Hello", "Bye") } : event,
    );
    expect(differenceFromOriginal(original, await auditLog(stream(changed)))).toBe(
      "the copy's chain is broken at sequence 2: the line's SHA-256 differs from its recorded hash",
    );
  });
});

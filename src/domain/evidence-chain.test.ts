import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, sealEvent, verifyChain, type SealedEvent } from "./evidence-chain.js";

function chainOf(payloads: unknown[]): SealedEvent[] {
  const sealed: SealedEvent[] = [];
  for (const [index, payload] of payloads.entries()) {
    sealed.push(
      sealEvent(sealed.at(-1), {
        chat: 1,
        kind: "message",
        source: `update:${index}`,
        at: "2026-11-27T10:00:00.000Z",
        payload,
      }),
    );
  }
  return sealed;
}

describe("the evidence chain", () => {
  it("starts from the genesis hash and links each line to the previous hash", () => {
    const [first, second] = chainOf([{ text: "hello" }, { text: "world" }]);
    expect(first!.seq).toBe(1);
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(JSON.parse(second!.line)).toMatchObject({ seq: 2, prev: first!.hash });
  });

  it("hashes the stored bytes, so sha256sum of the line reproduces the hash", () => {
    const [event] = chainOf([{ text: "Привет, ¿qué tal? 👋" }]);
    expect(createHash("sha256").update(Buffer.from(event!.line, "utf8")).digest("hex")).toBe(event!.hash);
  });

  it("writes canonical JSON: sorted keys, no whitespace, independent of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: "x" } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
    expect(canonicalJson({ a: { c: "x", d: [2, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [2, 1], c: "x" } }));
  });

  it("accepts an intact chain and reports its head", () => {
    const chain = chainOf([1, 2, 3]);
    expect(verifyChain(chain)).toEqual({ intact: true, count: 3, head: { seq: 3, hash: chain[2]!.hash } });
  });

  it("names the first broken sequence number when a line was altered", () => {
    const chain = chainOf(["a", "b", "c", "d"]);
    chain[2] = { ...chain[2]!, line: chain[2]!.line.replace('"c"', '"C"') };
    expect(verifyChain(chain)).toMatchObject({ intact: false, brokenAt: 3, count: 2 });
  });

  it("detects a line re-hashed after alteration, because the next line points at the old hash", () => {
    const chain = chainOf(["a", "b", "c"]);
    const forgedLine = chain[1]!.line.replace('"b"', '"B"');
    chain[1] = { ...chain[1]!, line: forgedLine, hash: createHash("sha256").update(forgedLine).digest("hex") };
    expect(verifyChain(chain)).toMatchObject({ intact: false, brokenAt: 3 });
  });

  it("detects a removed event", () => {
    const chain = chainOf(["a", "b", "c"]);
    chain.splice(1, 1);
    expect(verifyChain(chain)).toMatchObject({ intact: false, brokenAt: 2 });
  });

  it("verifies a period on its own from the head before it", () => {
    const chain = chainOf(["a", "b", "c", "d"]);
    expect(verifyChain(chain.slice(2), { seq: 2, hash: chain[1]!.hash })).toMatchObject({ intact: true, count: 2 });
    expect(verifyChain(chain.slice(2), { seq: 2, hash: GENESIS_HASH })).toMatchObject({ intact: false, brokenAt: 3 });
  });

  it("writes each line as the canonical JSON of the whole event, whether or not the payload came pre-serialised", () => {
    // Strings built from the pieces of the slot the payload goes into, to tempt a wrong splice.
    const text = fc.string({ unit: fc.constantFrom('"', "\\", "payload", ":", "null", "a", "é") });
    fc.assert(
      fc.property(fc.jsonValue(), text, text, fc.integer(), (payload, kind, source, chat) => {
        const body = { chat, kind, source, at: "2026-11-27T10:00:00.000Z", payload };
        const whole = canonicalJson({ v: 1, seq: 1, prev: GENESIS_HASH, ...body });
        expect(sealEvent(undefined, body).line).toBe(whole);
        expect(sealEvent(undefined, body, canonicalJson(payload)).line).toBe(whole);
      }),
    );
  });

  it("holds for any payloads: an untouched chain verifies, any single altered line is found", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 }), fc.nat(), (payloads, pick) => {
        const chain = chainOf(payloads);
        expect(verifyChain(chain).intact).toBe(true);
        const index = pick % chain.length;
        chain[index] = { ...chain[index]!, line: `${chain[index]!.line} ` };
        expect(verifyChain(chain)).toMatchObject({ intact: false, brokenAt: index + 1 });
      }),
    );
  });
});

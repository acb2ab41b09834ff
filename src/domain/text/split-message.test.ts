import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitMessage, type TextEntity } from "./split-message.js";

describe("splitting a long message", () => {
  it("leaves a message within the limit alone", () => {
    expect(splitMessage("short", [{ type: "bold", offset: 0, length: 5 }], 10)).toEqual([
      { text: "short", entities: [{ type: "bold", offset: 0, length: 5 }] },
    ]);
  });

  it("cuts at the last line break that fits", () => {
    const parts = splitMessage("line one\nline two\nline three", [], 20);
    expect(parts.map((part) => part.text)).toEqual(["line one\nline two\n", "line three"]);
  });

  it("never cuts inside a formatting entity, and moves entities into the part they belong to", () => {
    const text = "intro\nbold stretch over the limit\nend";
    const entities: TextEntity[] = [{ type: "bold", offset: 6, length: 27 }];
    const parts = splitMessage(text, entities, 30);
    expect(parts).toEqual([
      { text: "intro\n", entities: [] },
      { text: "bold stretch over the limit\n", entities: [{ type: "bold", offset: 0, length: 27 }] },
      { text: "end", entities: [] },
    ]);
  });

  it("falls back to a space, then to any position, for a single long line", () => {
    expect(splitMessage("aaaa bbbb cccc", [], 10).map((part) => part.text)).toEqual(["aaaa bbbb ", "cccc"]);
    expect(splitMessage("abcdefghijkl", [], 5).map((part) => part.text)).toEqual(["abcde", "fghij", "kl"]);
  });

  it("never splits an emoji's surrogate pair", () => {
    const parts = splitMessage("ab👋cd", [], 3);
    expect(parts.map((part) => part.text)).toEqual(["ab", "👋c", "d"]);
  });

  it("keeps every character and every entity's covered text, for any text and entities", () => {
    const textAndEntities = fc
      .string({ minLength: 1, maxLength: 300, unit: fc.constantFrom("a", " ", "\n", "é", "👋") })
      .chain((text) =>
        fc.tuple(
          fc.constant(text),
          fc.array(fc.tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: 12 })), { maxLength: 5 }).map((spans) =>
            spans.map(([offset, length]) => ({
              type: "bold",
              offset,
              length: Math.min(length, text.length - offset),
            })),
          ),
        ),
      );
    fc.assert(
      fc.property(textAndEntities, fc.integer({ min: 16, max: 64 }), ([text, entities], limit) => {
        const parts = splitMessage(text, entities, limit);
        for (const part of parts) {
          expect(part.text.length).toBeLessThanOrEqual(limit);
          for (const entity of part.entities)
            expect(entity.offset + entity.length).toBeLessThanOrEqual(part.text.length);
        }
        expect(
          parts
            .map((part) => part.text)
            .join("")
            .replace(/\s/g, ""),
        ).toBe(text.replace(/\s/g, ""));
      }),
    );
  });
});

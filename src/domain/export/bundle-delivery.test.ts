import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundleFileName, MAX_PARTS, partFileName, planDelivery } from "./bundle-delivery.js";

describe("delivering a bundle through Telegram", () => {
  it("sends it whole up to the upload limit", () => {
    expect(planDelivery(50_000_000, 50_000_000)).toEqual({ kind: "whole" });
  });

  it("cuts a larger one into parts under the limit that cover every byte once, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 2, max: MAX_PARTS }), (limit, wanted) => {
        const bytes = limit * (wanted - 1) + 1 + Math.floor((limit - 1) / 2);
        const plan = planDelivery(bytes, limit);
        if (plan.kind !== "parts") throw new Error(`expected parts, got ${plan.kind}`);
        expect(plan.parts).toHaveLength(wanted);
        expect(plan.parts[0]!.start).toBe(0);
        expect(plan.parts.at(-1)!.end).toBe(bytes);
        for (const [index, part] of plan.parts.entries()) {
          expect(part.end - part.start).toBeGreaterThan(0);
          expect(part.end - part.start).toBeLessThanOrEqual(limit);
          if (index > 0) expect(part.start).toBe(plan.parts[index - 1]!.end);
        }
      }),
    );
  });

  it("gives up on Telegram past twenty parts", () => {
    expect(planDelivery(20 * 1000, 1000).kind).toBe("parts");
    expect(planDelivery(20 * 1000 + 1, 1000)).toEqual({ kind: "too-large", parts: 21 });
  });

  it("names the file after the chat and the period, and numbers the parts", () => {
    expect(bundleFileName("Acme × Sofía", { from: "2026-11-01", to: "2026-11-30" }, "2026-12-01")).toBe(
      "acme-sofía-2026-11-01..2026-11-30.zip",
    );
    expect(bundleFileName("«Проект» / SMM!", undefined, "2026-11-27")).toBe("проект-smm-until-2026-11-27.zip");
    expect(bundleFileName("🙂", undefined, "2026-11-27")).toBe("chat-until-2026-11-27.zip");
    expect(partFileName("acme.zip", 0)).toBe("acme.zip.001");
    expect(partFileName("acme.zip", 11)).toBe("acme.zip.012");
  });
});

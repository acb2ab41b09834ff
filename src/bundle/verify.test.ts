import { describe, expect, it } from "vitest";
import { tooOld } from "./verify.mjs";

describe("verify.mjs on an old Node.js", () => {
  it("says at start which version it needs, instead of failing on a missing API", () => {
    expect(tooOld("18.2.1")).toBe(
      "verify.mjs needs Node.js 18.3 or later; this is Node.js 18.2.1. Install a current one from https://nodejs.org and run it again.",
    );
    expect(tooOld("16.20.0")).toContain("needs Node.js 18.3 or later");
    expect(tooOld("18.3.0")).toBeUndefined();
    expect(tooOld(process.versions.node)).toBeUndefined();
  });
});

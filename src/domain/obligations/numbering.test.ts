import { describe, expect, it } from "vitest";
import { obligationLabel, readObligationNumber } from "./numbering.js";

describe("obligation numbers", () => {
  it("are written with their kind's letter", () => {
    expect([
      obligationLabel("request", 1),
      obligationLabel("revision", 2),
      obligationLabel("stage", 3),
      obligationLabel("call", 4),
    ]).toEqual(["R1", "V2", "S3", "C4"]);
  });

  it("are read with or without the letter the command implies", () => {
    expect(["V3", "v3", "3", " 3 "].map((text) => readObligationNumber(text, "revision"))).toEqual([3, 3, 3, 3]);
    expect(readObligationNumber("R12", "request")).toBe(12);
  });

  it("are not read with another kind's letter, as zero, or as words", () => {
    expect(
      ["R3", "0", "V0", "", "V", "three", "3d", "-1"].map((text) => readObligationNumber(text, "revision")),
    ).toEqual(Array(8).fill(undefined));
  });
});

import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { LocalTimes, offsetName } from "./local-time.mjs";

const ZONES = ["Europe/Madrid", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"];
const FROM = Date.parse("2013-01-01T00:00:00Z");
const TO = Date.parse("2035-01-01T00:00:00Z");

/** What luxon, which the rest of regbot uses, says of the instant. */
const labelled = (ms: number, zone: string) => {
  const time = DateTime.fromMillis(ms, { zone });
  return `${time.toFormat("yyyy-MM-dd HH:mm:ss")} ${offsetName(time.offset)}`;
};

describe("local times in a chat's zone (the bundle's own, standard library only)", () => {
  it("write exactly what luxon writes, for any instant in any zone, in any order", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: FROM, max: TO }), { minLength: 1, maxLength: 20 }),
        (zone, instants) => {
          const times = new LocalTimes(zone);
          for (const ms of instants) {
            expect(times.desktop(ms)).toBe(DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss"));
            expect(times.labelled(ms)).toBe(labelled(ms, zone));
          }
        },
      ),
    );
  });

  it("follow the clock change second by second around it, where one hour holds two offsets", () => {
    // Madrid springs forward at 01:00 UTC; Lord Howe turns its clock by half an hour.
    for (const [zone, change] of [
      ["Europe/Madrid", "2026-03-29T01:00:00Z"],
      ["Australia/Lord_Howe", "2026-04-04T15:00:00Z"],
    ] as const) {
      const times = new LocalTimes(zone);
      for (let ms = Date.parse(change) - 20 * 60_000; ms < Date.parse(change) + 20 * 60_000; ms += 7_000)
        expect(times.labelled(ms)).toBe(labelled(ms, zone));
    }
    expect(new LocalTimes("Europe/Madrid").labelled(Date.parse("2026-03-29T01:00:00Z"))).toBe(
      "2026-03-29 03:00:00 UTC+02:00",
    );
  });
});

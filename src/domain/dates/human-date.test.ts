import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Language } from "../languages.js";
import { parseHumanDate, type HumanDate, type HumanDateError } from "./human-date.js";

const MADRID = "Europe/Madrid";
/** Thursday 3 December 2026, 10:00 in Madrid. */
const THURSDAY = DateTime.fromISO("2026-12-03T10:00", { zone: MADRID }).toMillis();

function read(text: string, language: Language = "ru", now = THURSDAY, timezone = MADRID): HumanDate | HumanDateError {
  return parseHumanDate(text, { now, timezone, language });
}

/** What was understood, as `yyyy-MM-dd HH:mm` on the zone's wall clock (no time → the date alone), and the rest. */
function understood(
  text: string,
  language: Language = "ru",
  now = THURSDAY,
  timezone = MADRID,
): [string, string] | string {
  const result = read(text, language, now, timezone);
  if (!result.ok) return `${result.error}: ${result.text}`;
  const wall = DateTime.fromMillis(result.at, { zone: timezone }).toFormat("yyyy-MM-dd HH:mm");
  return [result.time === undefined ? result.date : wall, result.rest];
}

describe("dates people write, read on Thursday 3 December 2026 at 10:00 in Madrid", () => {
  it.each<[string, Language, string, string]>([
    ["2026-12-10 Audience analysis", "en", "2026-12-10", "Audience analysis"],
    ["2026-12-10 15:00 Kick-off", "en", "2026-12-10 15:00", "Kick-off"],
    ["Dec 10 Audience analysis", "en", "2026-12-10", "Audience analysis"],
    ["10 Dec 2027 Next year", "en", "2027-12-10", "Next year"],
    ["December 10th, 2026 Report", "en", "2026-12-10", "Report"],
    ["10.12 Анализ аудитории", "ru", "2026-12-10", "Анализ аудитории"],
    ["10.12.2026 Анализ", "ru", "2026-12-10", "Анализ"],
    ["10/12 Análisis", "es", "2026-12-10", "Análisis"],
    ["10 декабря Анализ", "ru", "2026-12-10", "Анализ"],
    ["10 de diciembre de 2026 Análisis", "es", "2026-12-10", "Análisis"],
    ["tomorrow 15:00 Campaign results", "en", "2026-12-04 15:00", "Campaign results"],
    ["Tomorrow at 3pm Campaign results", "en", "2026-12-04 15:00", "Campaign results"],
    ["завтра 15:00 Итоги кампании", "ru", "2026-12-04 15:00", "Итоги кампании"],
    ["завтра в 15 Итоги", "ru", "2026-12-04 15:00", "Итоги"],
    ["mañana 15:00 Resultados", "es", "2026-12-04 15:00", "Resultados"],
    ["mañana a las 15.30 Resultados", "es", "2026-12-04 15:30", "Resultados"],
    ["day after tomorrow 9:00 Review", "en", "2026-12-05 09:00", "Review"],
    ["послезавтра Обзор", "ru", "2026-12-05", "Обзор"],
    ["pasado mañana Revisión", "es", "2026-12-05", "Revisión"],
    ["today 18:00 Quick sync", "en", "2026-12-03 18:00", "Quick sync"],
    ["сегодня Срочно", "ru", "2026-12-03", "Срочно"],
    ["hoy 12:00 Llamada", "es", "2026-12-03 12:00", "Llamada"],
    ["Tue 15:00 Campaign results", "en", "2026-12-08 15:00", "Campaign results"],
    ["Tuesday 15:00 Campaign results", "en", "2026-12-08 15:00", "Campaign results"],
    ["вт 15:00 Итоги", "ru", "2026-12-08 15:00", "Итоги"],
    ["во вторник в 15:00 Итоги", "ru", "2026-12-08 15:00", "Итоги"],
    ["в пятницу Отчёт", "ru", "2026-12-04", "Отчёт"],
    ["mar 15:00 Resultados", "es", "2026-12-08 15:00", "Resultados"],
    ["el martes 15:00 Resultados", "es", "2026-12-08 15:00", "Resultados"],
    ["mar 10 Launch", "en", "2027-03-10", "Launch"],
    ["Thu 10 Dec Report", "en", "2026-12-10", "Report"],
    ["15:00 Quick sync", "en", "2026-12-03 15:00", "Quick sync"],
    ["at 3:30 PM Quick sync", "en", "2026-12-03 15:30", "Quick sync"],
    ["TOMORROW 15:00 — Campaign results", "en", "2026-12-04 15:00", "Campaign results"],
    ["2026-12-10", "en", "2026-12-10", ""],
  ])("%s (%s) → %s, rest %s", (text, language, when, rest) => {
    expect(understood(text, language)).toEqual([when, rest]);
  });

  it("keeps the words read as the date exactly as written", () => {
    expect(read("Mañana A LAS 15:00 Resultados", "es")).toMatchObject({
      consumed: "Mañana A LAS 15:00",
      rest: "Resultados",
    });
  });

  it("a date without a year that has gone this year means next year's", () => {
    expect(understood("01.12 Отчёт")).toEqual(["2027-12-01", "Отчёт"]);
    expect(understood("03.12 Отчёт")).toEqual(["2026-12-03", "Отчёт"]);
  });

  it("29 February without a year waits for the next leap year", () => {
    expect(understood("29.02 Отчёт")).toEqual(["2028-02-29", "Отчёт"]);
  });

  it("today's own weekday means today only with a time still ahead, otherwise next week", () => {
    expect(understood("Thu 15:00 Sync", "en")).toEqual(["2026-12-03 15:00", "Sync"]);
    expect(understood("Thu 09:00 Sync", "en")).toEqual(["2026-12-10 09:00", "Sync"]);
    expect(understood("Thu Report", "en")).toEqual(["2026-12-10", "Report"]);
  });
});

describe("what is refused, and why", () => {
  it.each<[string, Language, string]>([
    ["", "en", "missing: "],
    ["Campaign results", "en", "unrecognised: Campaign"],
    ["10/12 Report", "en", "ambiguous-date: 10/12"],
    ["10.12 Report", "en", "ambiguous-date: 10.12"],
    ["2026-02-30 Report", "en", "impossible-date: 2026-02-30"],
    ["31.04 Отчёт", "ru", "impossible-date: 31.04"],
    ["31 de abril Informe", "es", "impossible-date: 31 de abril"],
    ["tomorrow 25:00 Call", "en", "impossible-time: 25:00"],
    ["tomorrow 10:75 Call", "en", "impossible-time: 10:75"],
    ["tomorrow 13pm Call", "en", "impossible-time: 13pm"],
    ["Tue 10 Dec Report", "en", "weekday-mismatch: Tue 10 Dec"],
    ["2026-12-01 Report", "en", "past: 2026-12-01"],
    ["today 09:00 Call", "en", "past: today 09:00"],
    ["09:30 Call", "en", "past: 09:30"],
    ["01.12.2026 Отчёт", "ru", "past: 01.12.2026"],
  ])("%s (%s) → %s", (text, language, expected) => {
    expect(understood(text, language)).toBe(expected);
  });

  it("reads `15.30` at the start as a time, since no month is 30", () => {
    expect(understood("15.30 Созвон")).toEqual(["2026-12-03 15:30", "Созвон"]);
  });
});

describe("across changes of clocks", () => {
  it("a time skipped by the spring-forward means the instant the clock jumps past it", () => {
    const saturday = DateTime.fromISO("2026-03-28T12:00", { zone: MADRID }).toMillis();
    const result = read("mañana 02:30 Llamada", "es", saturday);
    expect(result.ok && DateTime.fromMillis(result.at, { zone: MADRID }).toISO()).toBe("2026-03-29T03:00:00.000+02:00");
  });

  it("a time repeated by the fall-back means its first occurrence, in summer time", () => {
    const saturday = DateTime.fromISO("2026-10-24T12:00", { zone: MADRID }).toMillis();
    const result = read("tomorrow 02:30 Call", "en", saturday);
    expect(result.ok && DateTime.fromMillis(result.at, { zone: MADRID }).toISO()).toBe("2026-10-25T02:30:00.000+02:00");
  });

  it("a date without a time starts at that day's local midnight on either side of a change", () => {
    const friday = DateTime.fromISO("2026-03-27T12:00", { zone: MADRID }).toMillis();
    const before = read("сегодня", "ru", friday);
    const after = read("в понедельник", "ru", friday);
    expect(before.ok && DateTime.fromMillis(before.at, { zone: MADRID }).toISO()).toBe("2026-03-27T00:00:00.000+01:00");
    expect(after.ok && DateTime.fromMillis(after.at, { zone: MADRID }).toISO()).toBe("2026-03-30T00:00:00.000+02:00");
  });

  it("`tomorrow` in New York's autumn change is the next calendar day, 25 hours later", () => {
    const zone = "America/New_York";
    const saturday = DateTime.fromISO("2026-10-31T15:00", { zone }).toMillis();
    const result = read("tomorrow 15:00 Call", "en", saturday, zone);
    expect(result.ok && result.at - saturday).toBe(25 * 3_600_000);
  });
});

describe("laws", () => {
  const zones = fc.constantFrom(
    MADRID,
    "America/New_York",
    "Europe/Moscow",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
  );
  // 2024 to 2030, where the zones' rules are known.
  const instants = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) });
  const languages = fc.constantFrom<Language>("en", "ru", "es");

  it("an ISO date and time ahead reads back as the instant the zone's clock shows it (unless the clock skips it)", () => {
    fc.assert(
      fc.property(
        zones,
        instants,
        fc.integer({ min: 1, max: 400 * 24 * 60 }),
        languages,
        (zone, now, minutesAhead, language) => {
          const target = DateTime.fromMillis(now + minutesAhead * 60_000, { zone }).startOf("minute");
          const written = `${target.toFormat("yyyy-MM-dd HH:mm")} Topic of the call`;
          const result = read(written, language, now, zone);
          if (target.toMillis() <= now) return expect(result).toMatchObject({ ok: false, error: "past" });
          expect(result).toMatchObject({
            ok: true,
            rest: "Topic of the call",
            time: target.hour * 60 + target.minute,
            date: target.toISODate(),
          });
          // A repeated wall time means its first occurrence: never later than the instant it was written from.
          expect(result.ok && result.at <= target.toMillis()).toBe(true);
          expect(result.ok && DateTime.fromMillis(result.at, { zone }).toFormat("yyyy-MM-dd HH:mm")).toBe(
            target.toFormat("yyyy-MM-dd HH:mm"),
          );
        },
      ),
    );
  });

  it("`tomorrow HH:MM` in every language names the next local date at that wall time", () => {
    const tomorrowWords: Record<Language, string> = { en: "tomorrow", ru: "завтра", es: "mañana" };
    fc.assert(
      fc.property(
        zones,
        instants,
        languages,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, now, language, hour, minute) => {
          const time = `${hour}:${String(minute).padStart(2, "0")}`;
          const result = read(`${tomorrowWords[language]} ${time} Topic`, language, now, zone);
          const expectedDate = DateTime.fromMillis(now, { zone }).plus({ days: 1 }).toISODate();
          expect(result).toMatchObject({ ok: true, date: expectedDate, time: hour * 60 + minute, rest: "Topic" });
          const wall = DateTime.fromMillis((result as HumanDate).at, { zone });
          // Only a time the clock skips reads differently: as the instant the clock jumps past it.
          if (wall.hour !== hour || wall.minute !== minute)
            expect(wall.minus({ minutes: 1 }).offset).not.toBe(wall.offset);
        },
      ),
    );
  });

  it("a weekday name means one of the next seven days with that weekday, never a past instant", () => {
    const names: Record<number, string> = {
      1: "lunes",
      2: "вторник",
      3: "Wed",
      4: "jueves",
      5: "пятница",
      6: "Saturday",
      7: "dom",
    };
    fc.assert(
      fc.property(
        zones,
        instants,
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.integer({ min: 0, max: 23 * 60 + 59 })),
        (zone, now, weekday, time) => {
          const clock = time === null ? "" : ` ${Math.floor(time / 60)}:${String(time % 60).padStart(2, "0")}`;
          const result = read(`${names[weekday]}${clock} Topic`, "es", now, zone) as HumanDate;
          const today = DateTime.fromMillis(now, { zone }).startOf("day");
          const named = DateTime.fromISO(result.date, { zone });
          const daysAhead = Math.round(named.diff(today, "days").days);
          expect(named.weekday).toBe(weekday);
          expect(daysAhead).toBeGreaterThanOrEqual(time === null ? 1 : 0);
          expect(daysAhead).toBeLessThanOrEqual(7);
          if (time !== null) expect(result.at).toBeGreaterThan(now);
        },
      ),
    );
  });

  it("the rest is always the end of the text, and what was consumed its start", () => {
    fc.assert(
      fc.property(
        zones,
        instants,
        languages,
        fc.constantFrom("tomorrow 15:00", "2030-01-02", "пт", "10 de diciembre", "Dec 10", "в 23:59"),
        fc.string(),
        (zone, now, language, date, topic) => {
          const text = `${date} ${topic}`;
          const result = read(text, language, now, zone);
          if (!result.ok) return;
          expect(text.startsWith(result.consumed)).toBe(true);
          expect(text.trimEnd().endsWith(result.rest)).toBe(true);
        },
      ),
    );
  });
});

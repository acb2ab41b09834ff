import type { Weekday } from "../calendar/calendar-spec.js";
import type { Language } from "../languages.js";
import { vocabularyOf } from "./vocabulary.js";

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** English, Russian and Spanish names, lower case; people type whichever their chat speaks. */
const NAMES: Record<Weekday, readonly string[]> = {
  1: ["mon", "monday", "пн", "понедельник", "lun", "lunes"],
  2: ["tue", "tues", "tuesday", "вт", "вторник", "mar", "martes"],
  3: ["wed", "wednesday", "ср", "среда", "mié", "mie", "miércoles", "miercoles"],
  4: ["thu", "thur", "thurs", "thursday", "чт", "четверг", "jue", "jueves"],
  5: ["fri", "friday", "пт", "пятница", "vie", "viernes"],
  6: ["sat", "saturday", "сб", "суббота", "sáb", "sab", "sábado", "sabado"],
  7: ["sun", "sunday", "вс", "воскресенье", "dom", "domingo"],
};

/** `Пн`, `mié.`, `Friday` → the weekday; anything else → undefined. */
export function weekdayNamed(name: string): Weekday | undefined {
  const wanted = name.normalize("NFC").toLowerCase().replace(/\.$/, "");
  return WEEKDAYS.find((day) => NAMES[day].includes(wanted));
}

/** `Fri`, `Пт`, `vie`: the short name regbot writes a day with in a language, English by default. */
export function weekdayAbbreviation(day: Weekday, language?: Language): string {
  return vocabularyOf(language).days[day - 1]!;
}

export function followingWeekday(day: Weekday): Weekday {
  return ((day % 7) + 1) as Weekday;
}

/** The days from `first` to `last` inclusive, wrapping past Sunday (`Fri-Mon`). */
export function weekdaysFrom(first: Weekday, last: Weekday): Weekday[] {
  const days = [first];
  for (let day = first; day !== last; day = followingWeekday(day)) days.push(followingWeekday(day));
  return days;
}

export interface WeekdayRun {
  first: Weekday;
  last: Weekday;
}

/** A set of days as runs of consecutive days, a run possibly wrapping past Sunday (`Sat-Mon`); in Mon…Sun order of their first day. */
export function weekdayRuns(days: Iterable<Weekday>): WeekdayRun[] {
  const set = new Set(days);
  if (set.size === WEEKDAYS.length) return [{ first: 1, last: 7 }];
  return WEEKDAYS.filter((day) => set.has(day) && !set.has(precedingWeekday(day))).map((first) => {
    let last = first;
    while (set.has(followingWeekday(last))) last = followingWeekday(last);
    return { first, last };
  });
}

/** `Mon-Fri`, `Mon,Wed,Fri`, `Sat-Mon` (`Пн-Пт` in Russian): the shortest text `parseContactHours` reads back as the same days. */
export function formatWeekdays(days: Iterable<Weekday>, language?: Language): string {
  const name = (day: Weekday) => weekdayAbbreviation(day, language);
  return weekdayRuns(days)
    .map(({ first, last }) => (first === last ? name(first) : `${name(first)}-${name(last)}`))
    .join(",");
}

function precedingWeekday(day: Weekday): Weekday {
  return (((day + 5) % 7) + 1) as Weekday;
}

import { DateTime } from "luxon";
import {
  type CalendarSpec,
  type DailyInterval,
  type Weekday,
  addBusinessDays,
  addBusinessTime,
  compileCalendar,
} from "../src/domain/calendar/index.js";

/**
 * Due dates per second on a realistic calendar (Madrid office hours with a lunch gap, a year of
 * Spanish holidays), against a naive luxon walk over local days measured on a sample of the
 * same computations in the same run. The sample's answers must agree.
 */
const COMPUTATIONS = 1_000_000;
const NAIVE_COMPUTATIONS = 1_000;
const ZONE = "Europe/Madrid";
const OFFICE_DAY: DailyInterval[] = [
  { start: 10 * 60, end: 13 * 60 },
  { start: 14 * 60, end: 19 * 60 },
];
const MADRID_OFFICE: CalendarSpec = {
  timezone: ZONE,
  hours: { kind: "weekly", days: { 1: OFFICE_DAY, 2: OFFICE_DAY, 3: OFFICE_DAY, 4: OFFICE_DAY, 5: OFFICE_DAY } },
  holidays: [
    { from: "2026-01-01", to: "2026-01-01" },
    { from: "2026-01-06", to: "2026-01-06" },
    { from: "2026-03-19", to: "2026-03-19" },
    { from: "2026-04-02", to: "2026-04-03" },
    { from: "2026-05-01", to: "2026-05-01" },
    { from: "2026-05-15", to: "2026-05-15" },
    { from: "2026-08-10", to: "2026-08-21" },
    { from: "2026-10-12", to: "2026-10-12" },
    { from: "2026-11-02", to: "2026-11-02" },
    { from: "2026-11-09", to: "2026-11-09" },
    { from: "2026-12-07", to: "2026-12-08" },
    { from: "2026-12-24", to: "2026-12-31" },
    { from: "2027-01-01", to: "2027-01-01" },
    { from: "2027-01-06", to: "2027-01-06" },
    { from: "2027-03-19", to: "2027-03-19" },
  ],
};
const YEAR_START = DateTime.fromISO("2026-01-01T00:00", { zone: ZONE }).toMillis();
const YEAR_MS = 365 * 24 * 3_600_000;

/** A reply window in business minutes (30 min, 2 h, a working day), or a number of business days. */
interface Jobs {
  starts: Float64Array;
  minutes: Int32Array;
  days: Int32Array;
}

export interface BusinessCalendarBench {
  computations: number;
  seconds: number;
  naiveComputations: number;
  naiveSeconds: number;
  naiveSecondsPer1000: number;
  /** How many times faster per computation than the naive walk. */
  speedup: number;
  /** Naive answers that differ from the compiled calendar's; 0 when both agree. */
  mismatches: number;
}

export async function benchBusinessCalendar(): Promise<BusinessCalendarBench> {
  const jobs = makeJobs(COMPUTATIONS);
  const compiled = timed(() => dueDatesCompiled(jobs));
  const naive = timed(() => dueDatesNaive(jobs, NAIVE_COMPUTATIONS));
  let mismatches = 0;
  naive.value.forEach((due, i) => {
    if (due !== compiled.value[i]) mismatches++;
  });
  return {
    computations: COMPUTATIONS,
    seconds: compiled.seconds,
    naiveComputations: NAIVE_COMPUTATIONS,
    naiveSeconds: naive.seconds,
    naiveSecondsPer1000: (naive.seconds / NAIVE_COMPUTATIONS) * 1000,
    speedup: naive.seconds / NAIVE_COMPUTATIONS / (compiled.seconds / COMPUTATIONS),
    mismatches,
  };
}

function makeJobs(count: number): Jobs {
  const random = mulberry32(20_261_204);
  const jobs: Jobs = { starts: new Float64Array(count), minutes: new Int32Array(count), days: new Int32Array(count) };
  for (let i = 0; i < count; i++) {
    jobs.starts[i] = YEAR_START + Math.floor(random() * YEAR_MS);
    const pick = random();
    if (pick < 0.3) jobs.minutes[i] = 30;
    else if (pick < 0.55) jobs.minutes[i] = 120;
    else if (pick < 0.75) jobs.minutes[i] = 8 * 60;
    else jobs.days[i] = pick < 0.875 ? 2 : 3;
  }
  return jobs;
}

function dueDatesCompiled(jobs: Jobs): Float64Array {
  const calendar = compileCalendar(MADRID_OFFICE);
  const due = new Float64Array(jobs.starts.length);
  for (let i = 0; i < due.length; i++) {
    const start = jobs.starts[i] ?? 0;
    const days = jobs.days[i] ?? 0;
    due[i] = days > 0 ? addBusinessDays(calendar, start, days) : addBusinessTime(calendar, start, jobs.minutes[i] ?? 0);
  }
  return due;
}

function dueDatesNaive(jobs: Jobs, count: number): Float64Array {
  const due = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = jobs.starts[i] ?? 0;
    const days = jobs.days[i] ?? 0;
    due[i] = days > 0 ? naiveAddBusinessDays(start, days) : naiveAddBusinessTime(start, jobs.minutes[i] ?? 0);
  }
  return due;
}

/** The obvious implementation: step through local days with luxon, building each day's intervals. */
function naiveAddBusinessTime(startMs: number, minutes: number): number {
  let remaining = minutes * 60_000;
  let day = DateTime.fromMillis(startMs, { zone: ZONE }).startOf("day");
  for (let step = 0; step < 800; step++, day = day.plus({ days: 1 })) {
    for (const interval of naiveIntervals(day)) {
      const from = Math.max(interval.start, startMs);
      if (interval.end <= from) continue;
      if (interval.end - from >= remaining) return from + remaining;
      remaining -= interval.end - from;
    }
  }
  throw new Error("naive walk found no business time");
}

function naiveAddBusinessDays(startMs: number, days: number): number {
  let day = DateTime.fromMillis(startMs, { zone: ZONE }).startOf("day");
  let counted = 0;
  for (let step = 0; step < 800; step++) {
    day = day.plus({ days: 1 });
    const close = naiveIntervals(day).at(-1)?.end;
    if (close !== undefined && ++counted === days) return close;
  }
  throw new Error("naive walk found no business day");
}

function naiveIntervals(day: DateTime): { start: number; end: number }[] {
  const date = day.toISODate() ?? "";
  if (MADRID_OFFICE.holidays.some((holiday) => holiday.from <= date && date <= holiday.to)) return [];
  const hours = MADRID_OFFICE.hours.kind === "weekly" ? (MADRID_OFFICE.hours.days[day.weekday as Weekday] ?? []) : [];
  const at = (minute: number) => day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
  return hours.map(({ start, end }) => ({ start: at(start), end: at(end) }));
}

function timed<T>(work: () => T): { value: T; seconds: number } {
  const started = process.hrtime.bigint();
  const value = work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** A small seeded generator, so that every run times the same computations. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

import { localDay } from "../dates/zone-formats.js";
import { responseStatistics, type WindowOutcome } from "../responses/response-statistics.js";

/** A response window as the chart sees it: when the client asked, and its outcome. */
export interface AskedQuestion extends WindowOutcome {
  askedAt: number;
}

/** A window's five stored columns (absent values as the databases' NULL) as the chart's question. */
export function askedQuestion(
  askedAt: number,
  dueAt: number,
  answeredAt: number | null,
  businessMinutes: number | null,
  dismissedAt: number | null,
): AskedQuestion {
  return {
    askedAt,
    dueAt,
    ...(answeredAt === null ? {} : { answeredAt }),
    ...(businessMinutes === null ? {} : { businessMinutes }),
    ...(dismissedAt === null ? {} : { dismissed: true }),
  };
}

export interface AnswerBucket {
  /** The local day the questions were asked, or the Monday of their week, `yyyy-MM-dd`. */
  start: string;
  opened: number;
  /** Answered late, or unanswered past the due time: what the chart marks. */
  breached: number;
  /** Nearest-rank median of the answered questions' business minutes; null when none was answered. */
  medianMinutes: number | null;
}

export interface AnswerSeries {
  days: AnswerBucket[];
  weeks: AnswerBucket[];
}

/**
 * Answer times per local day and per ISO week (Monday first) in the chat's zone, counted as the
 * status counts them, oldest first; only buckets in which questions were asked. Each question's
 * local day is found once for both.
 */
export function answerSeries(questions: readonly AskedQuestion[], timezone: string, now: number): AnswerSeries {
  const days = new Map<string, AskedQuestion[]>();
  const weeks = new Map<string, AskedQuestion[]>();
  const mondays = new Map<string, string>();
  for (const question of questions) {
    const day = localDay(question.askedAt, timezone);
    let monday = mondays.get(day);
    if (monday === undefined) {
      monday = mondayOf(day);
      mondays.set(day, monday);
    }
    addTo(days, day, question);
    addTo(weeks, monday, question);
  }
  return { days: bucketsOf(days, now), weeks: bucketsOf(weeks, now) };
}

function addTo(buckets: Map<string, AskedQuestion[]>, start: string, question: AskedQuestion): void {
  const bucket = buckets.get(start);
  if (bucket === undefined) buckets.set(start, [question]);
  else bucket.push(question);
}

function bucketsOf(buckets: Map<string, AskedQuestion[]>, now: number): AnswerBucket[] {
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([start, asked]) => {
      const statistics = responseStatistics(asked, now);
      return {
        start,
        opened: statistics.opened,
        breached: statistics.breached,
        medianMinutes: statistics.medianMinutes ?? null,
      };
    });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Monday of a day's ISO week, `yyyy-MM-dd`: calendar arithmetic on the date alone. */
function mondayOf(day: string): string {
  const date = Date.parse(`${day}T00:00:00Z`);
  const daysSinceMonday = (new Date(date).getUTCDay() + 6) % 7;
  return new Date(date - daysSinceMonday * DAY_MS).toISOString().slice(0, 10);
}

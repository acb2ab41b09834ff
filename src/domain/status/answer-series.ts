import { DateTime } from "luxon";
import { responseStatistics, type WindowOutcome } from "../responses/response-statistics.js";

/** A response window as the chart sees it: when the client asked, and its outcome. */
export interface AskedQuestion extends WindowOutcome {
  askedAt: number;
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

/**
 * Answer times per local day or ISO week (Monday first) in the chat's zone, counted as the status
 * counts them, oldest first; only buckets in which questions were asked.
 */
export function answerSeries(questions: readonly AskedQuestion[], timezone: string, unit: "day" | "week", now: number): AnswerBucket[] {
  const buckets = new Map<string, AskedQuestion[]>();
  for (const question of questions) {
    const start = DateTime.fromMillis(question.askedAt, { zone: timezone }).startOf(unit, { useLocaleWeeks: false }).toISODate()!;
    buckets.set(start, [...(buckets.get(start) ?? []), question]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([start, asked]) => {
      const statistics = responseStatistics(asked, now);
      return { start, opened: statistics.opened, breached: statistics.breached, medianMinutes: statistics.medianMinutes ?? null };
    });
}

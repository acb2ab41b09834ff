import { localDay } from "../dates/zone-formats.js";

/** An answered question as the chart sees it: when the client asked, and how long the answer took. */
export interface AnsweredQuestion {
  askedAt: number;
  businessMinutes: number;
}

export interface DailyAnswers {
  /** The local day the questions were asked, `yyyy-MM-dd`. */
  day: string;
  answered: number;
  medianMinutes: number;
}

/** Median answer time (nearest rank) per local day on which questions were answered, oldest day first. */
export function dailyAnswerMedians(questions: readonly AnsweredQuestion[], timezone: string): DailyAnswers[] {
  const byDay = new Map<string, number[]>();
  for (const question of questions) {
    const day = localDay(question.askedAt, timezone);
    const minutes = byDay.get(day);
    if (minutes === undefined) byDay.set(day, [question.businessMinutes]);
    else minutes.push(question.businessMinutes);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, minutes]) => ({ day, answered: minutes.length, medianMinutes: median(minutes) }));
}

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
/** Cells of a bar at the agreed time: a longer bar is a late median, up to twice as wide. */
export const CELLS_AT_AGREED_TIME = 5;

/**
 * A bar of block characters whose length is the answer time against the agreed time (five full
 * cells), capped at twice that; plain text, so it renders in any Telegram client.
 */
export function answerBar(minutes: number, agreedMinutes: number): string {
  const eighths = Math.round((Math.min(minutes, 2 * agreedMinutes) / agreedMinutes) * CELLS_AT_AGREED_TIME * 8);
  const full = Math.floor(eighths / 8);
  return "█".repeat(full) + EIGHTHS[eighths % 8]! || "▏";
}

/** The nearest-rank median, as the response statistics count it. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

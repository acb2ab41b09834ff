/** A response window as the statistics see it (UTC ms). */
export interface WindowOutcome {
  dueAt: number;
  answeredAt?: number;
  /** Business minutes from the client's message to the answer, when answered. */
  businessMinutes?: number;
  /** A specialist said the message needed no answer: counted apart, never as on time or late. */
  dismissed?: boolean;
}

export interface ResponseStatistics {
  /** Messages that needed an answer (the dismissed ones are not among them). */
  opened: number;
  answeredOnTime: number;
  /** Answered late, or still unanswered after the due time. */
  breached: number;
  open: number;
  dismissed: number;
  medianMinutes: number | undefined;
  p90Minutes: number | undefined;
}

/** Counts and answer-time percentiles (business minutes) for a set of windows, as of `now`. */
export function responseStatistics(all: readonly WindowOutcome[], now: number): ResponseStatistics {
  const windows = all.filter((window) => window.dismissed !== true);
  const onTime = (window: WindowOutcome) => window.answeredAt !== undefined && window.answeredAt <= window.dueAt;
  const open = (window: WindowOutcome) => window.answeredAt === undefined && now <= window.dueAt;
  const minutes = windows
    .flatMap((window) => (window.businessMinutes === undefined ? [] : [window.businessMinutes]))
    .sort((a, b) => a - b);
  return {
    opened: windows.length,
    answeredOnTime: windows.filter(onTime).length,
    breached: windows.filter((window) => !onTime(window) && !open(window)).length,
    open: windows.filter(open).length,
    dismissed: all.length - windows.length,
    medianMinutes: percentile(minutes, 0.5),
    p90Minutes: percentile(minutes, 0.9),
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], fraction: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

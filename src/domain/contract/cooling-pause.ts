import type { PauseInterval } from "../calendar/index.js";
import { parseDuration } from "../regulation/durations.js";

/** The longest cooling-off pause one proposal may ask for: long enough to calm down, short enough not to stall the work. */
export const LONGEST_PAUSE_MINUTES = 7 * 24 * 60;

export type PauseProposal =
  | { ok: true; minutes: number; reason: string }
  | { ok: false; error: "missing" | "unreadable" | "too-long"; given: string };

/**
 * `/pause 24h <why>`: a length in wall-clock time (`90m`, `24h`, `2d` as 48 hours: the pause
 * runs day and night) and the reason, which may be left out.
 */
export function readPauseProposal(argument: string): PauseProposal {
  const [given = "", ...rest] = argument.trim().split(/\s+/);
  if (given === "") return { ok: false, error: "missing", given };
  const read = parseDuration(given, "");
  if (!read.ok) return { ok: false, error: "unreadable", given };
  const minutes = read.value.unit === "days" ? read.value.days * 24 * 60 : read.value.minutes;
  if (minutes > LONGEST_PAUSE_MINUTES) return { ok: false, error: "too-long", given };
  return { ok: true, minutes, reason: rest.join(" ") };
}

/** A pause as the obligations table keeps it (kind `pause`): proposed at `createdAt`, accepted at `confirmedAt`. */
export interface CoolingPause {
  state: "open" | "delivered" | "done" | "cancelled";
  createdAt: number;
  confirmedAt: number | null;
  /** Proposed: when it would end if accepted at once; accepted: when it ends. */
  dueAt: number;
}

/** When a pause proposed at `at` for `minutes` would end if accepted at once: kept as the proposal's due date. */
export function proposedEnd(at: number, minutes: number): number {
  return at + minutes * 60_000;
}

/** How long the pause runs, or would run if accepted. */
export function pauseLength(pause: CoolingPause): number {
  return pause.dueAt - (pause.confirmedAt ?? pause.createdAt);
}

/** When a pause accepted at `acceptedAt` ends. */
export function pauseEndsAt(pause: CoolingPause, acceptedAt: number): number {
  return acceptedAt + pauseLength(pause);
}

/**
 * How long a proposal waits for its answer: a day of wall time, as the pause itself runs day and
 * night. The heat it was meant to cool has passed by then, or needs a new proposal.
 */
export const PROPOSAL_LAPSES_AFTER_MS = 24 * 60 * 60_000;

/** When a proposal nobody answers lapses. */
export function proposalLapsesAt(pause: Pick<CoolingPause, "createdAt">): number {
  return pause.createdAt + PROPOSAL_LAPSES_AFTER_MS;
}

/**
 * Where a pause stands at `now`: a cancelled one was withdrawn when its proposer closed it, and
 * lapsed when nobody did (its lapse closes it); one unanswered at its lapse time has lapsed already.
 */
export function pauseState(
  pause: CoolingPause & { createdBy: number; closedBy: number | null },
  now: number,
): "awaiting answer" | "declined" | "withdrawn" | "lapsed" | "running" | "ended" {
  if (pause.state === "cancelled")
    return pause.closedBy === null ? "lapsed" : pause.closedBy === pause.createdBy ? "withdrawn" : "declined";
  if (pause.confirmedAt === null) return isAwaitingAnswer(pause, now) ? "awaiting answer" : "lapsed";
  return now < pause.dueAt ? "running" : "ended";
}

/** The accepted pauses as intervals in which every clock stands still. */
export function pauseIntervals(pauses: readonly CoolingPause[]): PauseInterval[] {
  return pauses.flatMap((pause) =>
    pause.confirmedAt === null || pause.state === "cancelled" ? [] : [{ start: pause.confirmedAt, end: pause.dueAt }],
  );
}

/** The accepted pause running at `at`, if any. */
export function pauseRunningAt<T extends CoolingPause>(pauses: readonly T[], at: number): T | undefined {
  return pauses.find(
    (pause) => pause.confirmedAt !== null && pause.state !== "cancelled" && pause.confirmedAt <= at && at < pause.dueAt,
  );
}

/** Where a clock started at `at` begins to count: at the end of the pause running then, if one is. */
export function countsFrom(pauses: readonly CoolingPause[], at: number): number {
  return pauseRunningAt(pauses, at)?.dueAt ?? at;
}

/** A proposal nobody has answered yet and still open to an answer at `now`. */
export function isAwaitingAnswer(pause: CoolingPause, now: number): boolean {
  return pause.state === "open" && pause.confirmedAt === null && now < proposalLapsesAt(pause);
}

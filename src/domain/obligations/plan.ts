import { DateTime } from "luxon";
import { closeOfLocalDay, type BusinessCalendar } from "../calendar/index.js";
import type { HumanDate } from "../dates/human-date.js";

/** A stage as the plan needs to see it. */
export interface PlanStage {
  dueAt: number;
  state: "open" | "delivered" | "done" | "cancelled";
}

/** A stage's deadline, and what it rests on: the time given, the close of contact hours, or the end of a day without them. */
export interface StageDeadline {
  dueAt: number;
  basis: "time" | "close" | "end-of-day";
}

/**
 * When a stage named by a date is due: at the time given, or else at the close of that day's
 * contact hours (the end of the day when it has none: a weekend, a holiday).
 */
export function stageDeadline(calendar: BusinessCalendar, timezone: string, named: HumanDate): StageDeadline {
  if (named.time !== undefined) return { dueAt: named.at, basis: "time" };
  const close = closeOfLocalDay(calendar, named.at);
  if (close !== null) return { dueAt: close, basis: "close" };
  return {
    dueAt: DateTime.fromMillis(named.at, { zone: timezone }).endOf("day").startOf("minute").toMillis(),
    basis: "end-of-day",
  };
}

export interface PlanProgress<Stage extends PlanStage> {
  done: number;
  total: number;
  /** Open stages past their deadline, the earliest first. */
  overdue: Stage[];
  /** The open stage due next that is not overdue yet: the one being worked on. */
  current: Stage | undefined;
}

/** Where the plan stands at `now`; cancelled stages do not count. */
export function planProgress<Stage extends PlanStage>(stages: readonly Stage[], now: number): PlanProgress<Stage> {
  const counted = stages.filter((stage) => stage.state !== "cancelled");
  const open = counted.filter((stage) => stage.state === "open").sort((a, b) => a.dueAt - b.dueAt);
  return {
    done: counted.filter((stage) => stage.state === "done").length,
    total: counted.length,
    overdue: open.filter((stage) => stage.dueAt < now),
    current: open.find((stage) => stage.dueAt >= now),
  };
}

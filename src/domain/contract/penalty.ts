import { DateTime } from "luxon";
import type { BusinessCalendar } from "../calendar/index.js";
import { businessDaysLate } from "../obligations/schedule.js";
import type { ContractSum, PenaltyRule } from "./terms.js";

/** What the contract gives for a stage delivered (or, so far, still open) late, and how it was counted. */
export interface LatePenalty {
  daysLate: number;
  days: PenaltyRule["days"];
  fixedPercent: number;
  perDayPercent: number;
  /** fixed + days × per day, before the cap. */
  countedPercent: number;
  /** What applies: the counted share, or the cap when it is lower. */
  percent: number;
  capPercent?: number;
  /** The percent of the contract sum, when the sum is set. */
  amount?: number;
  currency?: string;
  clause?: string;
}

/**
 * The penalty for something due at `dueAt` and delivered at `deliveredAt` (or still open at that
 * instant): none when on time. The due date is the one in force, after the client's delays moved it.
 */
export function latePenalty(rule: PenaltyRule, sum: ContractSum | null, calendar: BusinessCalendar, dueAt: number, deliveredAt: number): LatePenalty | undefined {
  const daysLate = rule.days === "business" ? businessDaysLate(calendar, dueAt, deliveredAt) : calendarDaysLate(calendar.timezone, dueAt, deliveredAt);
  if (daysLate === 0) return undefined;
  const countedPercent = roundTo(rule.fixedPercent + daysLate * rule.perDayPercent, 4);
  const percent = rule.capPercent === undefined ? countedPercent : Math.min(countedPercent, rule.capPercent);
  return {
    daysLate,
    days: rule.days,
    fixedPercent: rule.fixedPercent,
    perDayPercent: rule.perDayPercent,
    countedPercent,
    percent,
    ...(rule.capPercent === undefined ? {} : { capPercent: rule.capPercent }),
    ...(sum === null ? {} : { amount: roundTo((sum.amount * percent) / 100, 2), currency: sum.currency }),
    ...(rule.clause === undefined ? {} : { clause: rule.clause }),
  };
}

/** Calendar days after the due instant, counted as business days are: within the next day is 1. */
export function calendarDaysLate(timezone: string, dueAt: number, arrivedAt: number): number {
  if (arrivedAt <= dueAt) return 0;
  const due = DateTime.fromMillis(dueAt, { zone: timezone });
  let days = Math.max(1, Math.floor((arrivedAt - dueAt) / 86_400_000) - 1);
  while (arrivedAt > due.plus({ days }).toMillis()) days += 1;
  return days;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

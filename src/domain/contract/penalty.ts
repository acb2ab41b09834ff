import { DateTime } from "luxon";
import type { BusinessCalendar } from "../calendar/index.js";
import { businessDaysLate } from "../obligations/schedule.js";
import type { Regulation } from "../regulation/regulation.js";
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
  /** The contract sum, and the penalty's share of it, when the sum is set. */
  sum?: number;
  amount?: number;
  currency?: string;
  clause?: string;
}

/**
 * The penalty for something due at `dueAt` and delivered at `deliveredAt` (or still open at that
 * instant): none when on time. The due date is the one in force, after the client's delays moved it.
 */
export function latePenalty(
  rule: PenaltyRule,
  sum: ContractSum | null,
  calendar: BusinessCalendar,
  dueAt: number,
  deliveredAt: number,
): LatePenalty | undefined {
  const daysLate =
    rule.days === "business"
      ? businessDaysLate(calendar, dueAt, deliveredAt)
      : calendarDaysLate(calendar.timezone, dueAt, deliveredAt);
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
    ...(sum === null
      ? {}
      : { sum: sum.amount, amount: roundTo((sum.amount * percent) / 100, 2), currency: sum.currency }),
    ...(rule.clause === undefined ? {} : { clause: rule.clause }),
  };
}

/** The penalty the regulation's contract terms give for a stage due at `dueAt`, done (or still open) at `at`. */
export function stagePenalty(
  regulation: Pick<Regulation, "penalty" | "contract_sum">,
  calendar: BusinessCalendar,
  dueAt: number,
  at: number,
): LatePenalty | undefined {
  return regulation.penalty === null
    ? undefined
    : latePenalty(regulation.penalty, regulation.contract_sum, calendar, dueAt, at);
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

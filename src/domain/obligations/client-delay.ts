import type { BusinessCalendar, PauseInterval } from "../calendar/index.js";
import { businessDaysLate } from "./schedule.js";

/** What the client owed, as far as their delay is concerned. */
export interface OwedByClient {
  state: "open" | "delivered" | "done" | "cancelled";
  dueAt: number;
  closedAt: number | null;
  businessDaysLate: number | null;
}

export type Waiting =
  | { waited: true; pause: PauseInterval; stillOpen: boolean }
  | { waited: false; reason: "provided-on-time" | "not-overdue" };

/** How long the work waited on a request: from its due date to when it was provided, or to `now` while it is still missing. */
export function waitingOn(request: OwedByClient, now: number): Waiting {
  if (request.state === "done") {
    const providedAt = request.closedAt ?? request.dueAt;
    return providedAt > request.dueAt
      ? { waited: true, pause: { start: request.dueAt, end: providedAt }, stillOpen: false }
      : { waited: false, reason: "provided-on-time" };
  }
  if (request.state === "open" && now > request.dueAt)
    return { waited: true, pause: { start: request.dueAt, end: now }, stillOpen: true };
  return { waited: false, reason: "not-overdue" };
}

/** The client's delay in total, in business days: each request provided late, plus those still overdue so far. */
export function totalBusinessDaysLate(
  calendar: BusinessCalendar,
  requests: readonly OwedByClient[],
  now: number,
): number {
  return requests.reduce((total, request) => {
    if (request.state === "done") return total + (request.businessDaysLate ?? 0);
    return request.state === "open" ? total + businessDaysLate(calendar, request.dueAt, now) : total;
  }, 0);
}

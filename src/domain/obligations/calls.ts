/** A call as its schedule needs to see it: `dueAt` is when it starts. */
export interface AgreedCall {
  dueAt: number;
  state: "open" | "delivered" | "done" | "cancelled";
  confirmedAt: number | null;
}

const MINUTE_MS = 60_000;

/** How long after a call starts regbot takes it as over and asks for its minutes. */
export const CALL_LENGTH_MS = 60 * MINUTE_MS;

/** When both sides hear that the call is near: `minutesBefore` its start (plain clock time). */
export function callReminderAt(startsAt: number, minutesBefore: number): number {
  return startsAt - minutesBefore * MINUTE_MS;
}

/** When the call is taken as over, and its minutes are asked for. */
export function callEndsAt(startsAt: number): number {
  return startsAt + CALL_LENGTH_MS;
}

/** The open call to come (or going on now) that starts first. */
export function nextCall<Call extends AgreedCall>(calls: readonly Call[], now: number): Call | undefined {
  return calls
    .filter((call) => call.state === "open" && callEndsAt(call.dueAt) > now)
    .sort((a, b) => a.dueAt - b.dueAt)[0];
}

/** Agreed calls that are over and still have no written minutes, the oldest first. */
export function unminutedCalls<Call extends AgreedCall>(calls: readonly Call[], now: number): Call[] {
  return calls
    .filter((call) => call.state === "open" && call.confirmedAt !== null && callEndsAt(call.dueAt) <= now)
    .sort((a, b) => a.dueAt - b.dueAt);
}

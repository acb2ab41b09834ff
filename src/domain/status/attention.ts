/** What a chat owes right now, as the list of a person's chats orders it. */
export interface ChatAttention {
  /** Breaches in the current period, including an answer still missing after its due time. */
  breached: number;
  /** Due time of the answer still awaited, if any (past or future). */
  waitingDueAt?: number;
  /** Other things past due: the client's requests, revisions, stages, calls without minutes, voice without text. */
  overdue?: number;
  title: string;
}

/** Breaches first (an overdue answer before past ones), then other overdue things, then answers due soonest, then by title. */
export function byAttention(now: number) {
  const rank = (chat: ChatAttention) => {
    if (chat.waitingDueAt !== undefined && chat.waitingDueAt < now) return 0;
    if (chat.breached > 0) return 1;
    if ((chat.overdue ?? 0) > 0) return 2;
    if (chat.waitingDueAt !== undefined) return 3;
    return 4;
  };
  return (a: ChatAttention, b: ChatAttention): number =>
    rank(a) - rank(b) ||
    b.breached - a.breached ||
    (b.overdue ?? 0) - (a.overdue ?? 0) ||
    (a.waitingDueAt ?? Infinity) - (b.waitingDueAt ?? Infinity) ||
    titleOrder.compare(a.title, b.title);
}

/** `localeCompare`'s order, from one collator instead of one per comparison. */
const titleOrder = new Intl.Collator();

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A status or digest covers the time since the last digest, or the last seven days without one. */
export function reportingPeriodStart(lastDigestAt: number | undefined, now: number): number {
  return lastDigestAt ?? now - WEEK_MS;
}

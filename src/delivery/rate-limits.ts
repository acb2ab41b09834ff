/**
 * Telegram's sending limits, kept on our side so the bot is never told to slow down: about one
 * message a second per chat, 20 a minute per group, 30 a second overall. A message counts from
 * when Telegram answered it (it arrived somewhere before), so network delays cannot squeeze two
 * windows' worth into one of Telegram's; a small margin absorbs the rest.
 */
export interface RateLimitPolicy {
  perChatIntervalMs: number;
  groupWindowMs: number;
  groupMessagesPerWindow: number;
  globalWindowMs: number;
  globalMessagesPerWindow: number;
}

export const TELEGRAM_LIMITS: RateLimitPolicy = {
  perChatIntervalMs: 1_020,
  groupWindowMs: 60_100,
  groupMessagesPerWindow: 20,
  globalWindowMs: 1_020,
  globalMessagesPerWindow: 30,
};

export class RateLimiter {
  private readonly lastSent = new Map<number, number>();
  private readonly groupSends = new Map<number, number[]>();
  private readonly globalSends: number[] = [];
  private readonly pausedUntil = new Map<number, number>();

  constructor(private readonly policy: RateLimitPolicy) {}

  /** The earliest instant a message to `chatId` may leave. */
  availableAt(chatId: number, now: number): number {
    const { policy } = this;
    const candidates = [
      this.globallyAvailableAt(now),
      (this.lastSent.get(chatId) ?? -Infinity) + policy.perChatIntervalMs,
      this.pausedUntil.get(chatId) ?? -Infinity,
    ];
    if (isGroup(chatId)) {
      candidates.push(
        windowOpensAt(this.groupSends.get(chatId) ?? [], now, policy.groupWindowMs, policy.groupMessagesPerWindow),
      );
    }
    return Math.max(...candidates);
  }

  /** The earliest instant any message may leave, whoever it is for. */
  globallyAvailableAt(now: number): number {
    return windowOpensAt(this.globalSends, now, this.policy.globalWindowMs, this.policy.globalMessagesPerWindow);
  }

  /** A message to `chatId` leaves at `at`: it holds its place in the limits until answered. */
  record(chatId: number, at: number): void {
    this.lastSent.set(chatId, at);
    this.globalSends.push(at);
    trim(this.globalSends, at - this.policy.globalWindowMs);
    if (isGroup(chatId)) {
      const sends = this.groupSends.get(chatId) ?? [];
      sends.push(at);
      trim(sends, at - this.policy.groupWindowMs);
      this.groupSends.set(chatId, sends);
    }
  }

  /** Telegram answered the message sent at `sentAt`: from now on it counts as sent at `at`. */
  answered(chatId: number, sentAt: number, at: number): void {
    this.lastSent.set(chatId, Math.max(this.lastSent.get(chatId) ?? -Infinity, at));
    move(this.globalSends, sentAt, at);
    if (isGroup(chatId)) {
      const sends = this.groupSends.get(chatId) ?? [];
      move(sends, sentAt, at);
      this.groupSends.set(chatId, sends);
    }
  }

  /** Telegram said 429 for this chat: nothing more to it until then. */
  pause(chatId: number, until: number): void {
    this.pausedUntil.set(chatId, until);
  }
}

function isGroup(chatId: number): boolean {
  return chatId < 0;
}

function windowOpensAt(sends: number[], now: number, windowMs: number, capacity: number): number {
  trim(sends, now - windowMs);
  return sends.length < capacity ? now : sends[sends.length - capacity]! + windowMs;
}

/** Moves one send from `from` to `to`, keeping the sends sorted (it may have left the window already). */
function move(sends: number[], from: number, to: number): void {
  const index = sends.indexOf(from);
  if (index >= 0) sends.splice(index, 1);
  const after = sends.findIndex((sent) => sent > to);
  sends.splice(after < 0 ? sends.length : after, 0, to);
}

/** Drops sends older than `since` (they are sorted). */
function trim(sends: number[], since: number): void {
  let expired = 0;
  while (expired < sends.length && sends[expired]! <= since) expired += 1;
  if (expired > 0) sends.splice(0, expired);
}

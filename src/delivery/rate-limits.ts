/**
 * Telegram's sending limits, kept on our side so the bot is never told to slow down: about one
 * message a second per chat, 20 a minute per group, 30 a second overall. A small margin absorbs
 * the clock difference between us and Telegram.
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

  constructor(private readonly policy: RateLimitPolicy = TELEGRAM_LIMITS) {}

  /** The earliest instant a message to `chatId` may leave. */
  availableAt(chatId: number, now: number): number {
    const { policy } = this;
    const candidates = [
      now,
      (this.lastSent.get(chatId) ?? -Infinity) + policy.perChatIntervalMs,
      this.pausedUntil.get(chatId) ?? -Infinity,
      windowOpensAt(this.globalSends, now, policy.globalWindowMs, policy.globalMessagesPerWindow),
    ];
    if (isGroup(chatId)) {
      candidates.push(windowOpensAt(this.groupSends.get(chatId) ?? [], now, policy.groupWindowMs, policy.groupMessagesPerWindow));
    }
    return Math.max(...candidates);
  }

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

/** Drops sends older than `since` (they are sorted). */
function trim(sends: number[], since: number): void {
  let expired = 0;
  while (expired < sends.length && sends[expired]! <= since) expired += 1;
  if (expired > 0) sends.splice(0, expired);
}

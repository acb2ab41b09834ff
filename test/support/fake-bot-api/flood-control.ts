// Telegram's flood limits, for a fake that answers 429 where Telegram would.

/** One flood limit: how long until one more message fits, and recording that it was sent. */
interface FloodLimit {
  secondsUntilAvailable(nowMs: number): number;
  record(nowMs: number): void;
}

/** Token bucket: allows a burst of `capacity`, then `refillPerSecond` messages per second. */
class TokenBucket implements FloodLimit {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = nowMs;
  }

  secondsUntilAvailable(nowMs: number): number {
    const elapsedSeconds = Math.max(0, nowMs - this.updatedAt) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.refillPerSecond);
    this.updatedAt = nowMs;
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.refillPerSecond;
  }

  record(): void {
    this.tokens -= 1;
  }
}

/** At most `max` messages in any window of `windowMs` (no refill within the window). */
class SlidingWindow implements FloodLimit {
  private sentAt: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  secondsUntilAvailable(nowMs: number): number {
    this.sentAt = this.sentAt.filter((at) => at > nowMs - this.windowMs);
    const oldest = this.sentAt[0];
    return this.sentAt.length < this.max || oldest === undefined ? 0 : (oldest + this.windowMs - nowMs) / 1000;
  }

  record(nowMs: number): void {
    this.sentAt.push(nowMs);
  }
}

/** Telegram's published limits: 1 msg/s per chat (burst 3), 20 msgs/min per group, 30 msgs/s overall. */
export class FloodControl {
  private readonly overall = new SlidingWindow(30, 1000);
  private readonly perChat = new Map<number, FloodLimit>();
  private readonly perGroup = new Map<number, FloodLimit>();

  constructor(private readonly now: () => number) {}

  /** Records one message to the chat, or returns the retry_after seconds if a limit would be exceeded. */
  tryConsume(chatId: number): number | undefined {
    const nowMs = this.now();
    const limits = [this.overall, limitFor(this.perChat, chatId, () => new TokenBucket(3, 1, nowMs))];
    if (chatId < 0) limits.push(limitFor(this.perGroup, chatId, () => new SlidingWindow(20, 60_000)));
    const waitSeconds = Math.max(...limits.map((limit) => limit.secondsUntilAvailable(nowMs)));
    if (waitSeconds > 0) return Math.max(1, Math.ceil(waitSeconds));
    for (const limit of limits) limit.record(nowMs);
    return undefined;
  }
}

function limitFor(limits: Map<number, FloodLimit>, chatId: number, create: () => FloodLimit): FloodLimit {
  let limit = limits.get(chatId);
  if (!limit) {
    limit = create();
    limits.set(chatId, limit);
  }
  return limit;
}

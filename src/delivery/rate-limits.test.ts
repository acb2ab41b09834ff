import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limits.js";

const policy = {
  perChatIntervalMs: 1000,
  groupWindowMs: 60_000,
  groupMessagesPerWindow: 20,
  globalWindowMs: 1000,
  globalMessagesPerWindow: 30,
};

describe("Telegram's sending limits", () => {
  it("spaces messages to one chat a second apart", () => {
    const limiter = new RateLimiter(policy);
    limiter.record(-100, 5_000);
    expect(limiter.availableAt(-100, 5_200)).toBe(6_000);
    expect(limiter.availableAt(-200, 5_200)).toBe(5_200);
  });

  it("allows 20 messages a minute in a group, then waits for the oldest to leave the window", () => {
    const limiter = new RateLimiter(policy);
    for (let second = 0; second < 20; second += 1) limiter.record(-100, second * 1000);
    expect(limiter.availableAt(-100, 20_000)).toBe(60_000);
    expect(limiter.availableAt(42, 20_000)).toBe(20_000);
  });

  it("allows 30 messages a second overall", () => {
    const limiter = new RateLimiter(policy);
    for (let chat = 1; chat <= 30; chat += 1) limiter.record(-chat, 100 + chat);
    expect(limiter.availableAt(-99, 200)).toBe(1_101);
  });

  it("counts a message from when Telegram answered it, since it may have arrived any time before", () => {
    const limiter = new RateLimiter(policy);
    limiter.record(-100, 5_000);
    limiter.answered(-100, 5_000, 5_300);
    expect(limiter.availableAt(-100, 5_400)).toBe(6_300);
    for (let chat = 1; chat <= 30; chat += 1) limiter.record(-chat, 10_000);
    for (let chat = 1; chat <= 30; chat += 1) limiter.answered(-chat, 10_000, 10_200 + chat);
    expect(limiter.globallyAvailableAt(10_500)).toBe(11_201);
    expect(limiter.availableAt(-99, 10_500)).toBe(11_201);
  });

  it("holds a chat Telegram rate-limited until its retry_after has passed", () => {
    const limiter = new RateLimiter(policy);
    limiter.pause(-100, 9_000);
    expect(limiter.availableAt(-100, 1_000)).toBe(9_000);
  });
});

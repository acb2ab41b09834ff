import { afterEach, describe, expect, it } from "vitest";
import { settled, startHarness, TOKEN, type Harness } from "../support/harness.js";
import { botAdded, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const TOKEN_SECRET = TOKEN.split(":")[1]!;

describe("what regbot writes to its logs", () => {
  it("never writes the bot token, even at trace level when connections to Telegram break mid-request", async () => {
    harness = await startHarness({ LOG_LEVEL: "trace" });
    const chat = group();
    harness.telegram.pushUpdate(botAdded(chat, specialist, "administrator"));
    await settled(harness);
    // Broken connections before and after Telegram read the request, on sending and on polling.
    harness.telegram.failNext("sendMessage", { kind: "reset-before" });
    harness.telegram.failNext("sendMessage", { kind: "reset-after" });
    harness.telegram.failNext("getUpdates", { kind: "reset-before" }, 2);
    harness.telegram.pushUpdate(
      message(chat, specialist, "/rules", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
    );
    harness.telegram.pushUpdate(
      message(chat, specialist, "/help", { entities: [{ type: "bot_command", offset: 0, length: 5 }] }),
    );
    await settled(harness, 15_000);
    const logs = harness.logs.join("");
    // The faults were met and logged: otherwise the test would prove nothing.
    expect(logs).toMatch(/socket hang up|ECONNRESET|other side closed/);
    expect(logs).toContain("/bot[redacted]/");
    expect(logs).not.toContain(TOKEN_SECRET);
  }, 30_000);
});

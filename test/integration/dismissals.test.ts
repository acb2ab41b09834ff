import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { pressButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import { client, group, specialist } from "../support/updates.js";

const chat = group();
const scenario = clientGroup(chat, "Europe/Madrid");
afterEach(async () => scenario.harness?.stop().catch(() => undefined));

/** The latest warning with a button, wherever the specialist got it (privately, or in the group). */
function warningWithButton(label: string): Message {
  const { telegram } = scenario.harness;
  const hasButton = (sent: Message) =>
    sent.reply_markup?.inline_keyboard.flat().some((button) => button.text === label) ?? false;
  const found = [...telegram.sentTo(specialist.id), ...telegram.sentTo(chat.id), ...telegram.edited]
    .filter(hasButton)
    .at(-1);
  if (found === undefined) throw new Error(`no message with "${label}"`);
  return found;
}

function windows() {
  return scenario.harness.query<{ state: string; dismissed_by: number | null; dismiss_reason: string | null }>(
    "select state, dismissed_by, dismiss_reason from response_windows order by id",
  );
}

describe("no answer needed", () => {
  it("lets a specialist close a waiting answer as dismissed from the warning, logged with who and why, counted apart", async () => {
    await scenario.open("2026-12-02T09:00");
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Thanks, got it!");
    scenario.setTime("2026-12-02T12:40");
    await scenario.tick();
    const warning = warningWithButton("No answer needed");
    expect(warning.text).toContain("Ivan is waiting for an answer");

    await pressButton(scenario.harness, warning, client, "No answer needed");
    expect(scenario.harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "Only a specialist of the chat can mark a message as needing no answer.",
    });
    await pressButton(scenario.harness, warning, specialist, "No answer needed");
    const reasons = warningWithButton("Thanks / ok");
    expect(reasons.reply_markup?.inline_keyboard.flat().map((button) => button.text)).toEqual([
      "Thanks / ok",
      "Answered elsewhere or by call",
      "Not a request",
    ]);
    await pressButton(scenario.harness, reasons, specialist, "Thanks / ok");
    expect(scenario.harness.telegram.edited.at(-1)!.text).toBe(
      `${warning.text}\n\nNo answer needed (Thanks / ok), marked by Sofía Marketing (@sofia_smm).`,
    );
    expect(scenario.harness.telegram.edited.at(-1)!.reply_markup).toBeUndefined();
    expect(windows()).toEqual([{ state: "dismissed", dismissed_by: specialist.id, dismiss_reason: "thanks" }]);
    const events = scenario.harness
      .query<{ line: string }>("select line from events where kind = 'window' order by seq")
      .map((row) => JSON.parse(row.line).payload);
    expect(events.at(-1)).toMatchObject({ event: "dismissed", by: specialist.id, reason: "thanks" });

    // No breach follows, and the statistics count it apart from the answers.
    scenario.setTime("2026-12-02T13:30");
    expect(await scenario.tick()).toEqual([]);
    expect(windows()[0]!.state).toBe("dismissed");
    scenario.setTime("2026-12-02T15:00");
    await scenario.write(client, "Where is the report?");
    await scenario.write(specialist, "Here it is.");
    scenario.setTime("2026-12-02T15:05");
    const [status] = await scenario.write(client, "/status");
    expect(status).toContain(": 1 question, 1 answered on time, 0 late or unanswered.");
    expect(status).toContain("Marked as needing no answer: 1 (counted apart).");

    // Pressed again later, it changes nothing.
    await pressButton(scenario.harness, reasons, specialist, "Not a request", "again");
    expect(scenario.harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "This message no longer waits for an answer.",
    });
    expect(windows()[0]).toMatchObject({ dismiss_reason: "thanks" });
  });
});

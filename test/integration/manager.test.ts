import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { pressButton, pressFirstButton } from "../support/buttons.js";
import { clientGroup, commandEntities } from "../support/client-group.js";
import { settled } from "../support/harness.js";
import { client, group, message, specialist } from "../support/updates.js";
import { reportRows } from "../support/report-cli.js";

const chat = group();
const scenario = clientGroup(chat, "Europe/Madrid");
afterEach(async () => scenario.harness?.stop().catch(() => undefined));

const marta: User = { id: 901, is_bot: false, first_name: "Marta", username: "marta_lead", language_code: "en" };
const replyTo = (from: User) => ({ reply_to_message: { message_id: 1, date: 1, chat, from, text: "hi" } });

/** What regbot said to someone privately since `before` messages. */
function privately(user: User, before = 0): string[] {
  return scenario.harness.telegram
    .sentTo(user.id)
    .slice(before)
    .map((sent) => sent.text!);
}

async function inPrivate(user: User, text: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const before = scenario.harness.telegram.sentTo(user.id).length;
  scenario.harness.telegram.pushUpdate(
    message({ id: user.id, type: "private", first_name: user.first_name }, user, text, {
      ...commandEntities(text),
      ...extra,
    }),
  );
  await settled(scenario.harness);
  return privately(user, before);
}

/** The chat with Marta confirmed as its manager (she has started regbot privately). */
async function managedChat(): Promise<void> {
  await scenario.open("2026-12-02T09:00");
  await inPrivate(marta, "/start");
  await scenario.write(marta, "Hello everyone");
  const [nomination] = await scenario.write(specialist, "/manager @marta_lead", {
    entities: [
      { type: "bot_command", offset: 0, length: 8 },
      { type: "mention", offset: 9, length: 11 },
    ],
  });
  expect(nomination).toContain(
    "Sofía Marketing (@sofia_smm) names Marta (@marta_lead) as the manager on the specialist's side",
  );
  await pressFirstButton(scenario.harness, scenario.lastSent(), marta);
}

function roles() {
  return scenario.harness.query<{ user_id: number; role: string }>(
    "select user_id, role from chat_roles where until is null order by id",
  );
}

function windowEvents(): string[] {
  return scenario.harness
    .query<{ line: string }>("select line from events where kind = 'window' order by seq")
    .map((row) => JSON.parse(row.line).payload.event as string);
}

describe("the manager on the specialist's side", () => {
  it("is named by a specialist and takes the role only when they confirm with the button", async () => {
    await scenario.open("2026-12-02T09:00");
    await scenario.write(marta, "Hello everyone");
    await scenario.write(specialist, "/manager", replyTo(marta));
    const nomination = scenario.lastSent();
    await pressFirstButton(scenario.harness, nomination, client, "press-client");
    expect(scenario.harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "Only Marta (@marta_lead) can confirm this.",
      show_alert: true,
    });
    expect(roles().map((row) => row.role)).toEqual(["specialist", "client"]);

    await pressFirstButton(scenario.harness, nomination, marta, "press-marta");
    expect(scenario.lastSent().text).toBe(
      "Marta (@marta_lead) confirmed: from now on Marta (@marta_lead) is the manager of this chat. Marta (@marta_lead), start a private chat with me so I can write to you.",
    );
    expect(roles()).toEqual([
      { user_id: specialist.id, role: "specialist" },
      { user_id: client.id, role: "client" },
      { user_id: marta.id, role: "manager" },
    ]);
    const logged = scenario.harness
      .query<{ line: string }>("select line from events where kind = 'roles' order by seq")
      .map((row) => JSON.parse(row.line).payload);
    expect(logged.at(-1)).toMatchObject({ action: "grant", role: "manager", userId: marta.id, by: marta.id });
    expect(await scenario.write(client, "/manager", replyTo(client))).toEqual([
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    ]);
  });

  it("reads what a specialist reads and changes nothing", async () => {
    await managedChat();
    expect(await scenario.write(marta, "/set response 30m")).toEqual([
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    ]);
    const [status] = await scenario.write(marta, "/status");
    expect(status).toContain('Status of "Acme × Sofía"');
    // /status names the manager with the specialists and the client's contact.
    expect(status!.split("\n").slice(-3)).toEqual([
      "Specialists: Sofía Marketing (@sofia_smm)",
      "Manager: Marta (@marta_lead)",
      "Client contact: Ivan",
    ]);
    expect(await scenario.write(marta, "/rules")).toEqual([
      expect.stringContaining(
        "Specialists: Sofía Marketing (@sofia_smm)\nManager on the specialist's side (hears of late answers): Marta (@marta_lead)\nAuthorised client contact: Ivan",
      ),
    ]);
    const chats = await inPrivate(marta, "/chats");
    expect(chats).toEqual(["Your chats, what needs attention first. Tap one to see its status."]);
    const list = scenario.harness.telegram.sentTo(marta.id).at(-1)!;
    await pressButton(scenario.harness, list, marta, "Acme × Sofía");
    expect(privately(marta).at(-1)).toContain('Status of "Acme × Sofía"');
    // Her messages neither open nor close a response window.
    await scenario.write(marta, "Checking in, how is the campaign?");
    expect(scenario.harness.query("select * from response_windows")).toEqual([]);
  });

  it("hears privately, once, when an answer is late past the agreed margin", async () => {
    await managedChat();
    expect(await scenario.write(specialist, "/set escalate_after 30m")).toEqual([
      expect.stringContaining("• Escalation to the manager after the due time: off → 30m"),
    ]);
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Can we change the targeting to Valencia?");
    const before = privately(marta).length;
    scenario.setTime("2026-12-02T13:05");
    await scenario.tick();
    expect(privately(marta, before)).toEqual([]);

    scenario.setTime("2026-12-02T13:31");
    await scenario.tick();
    expect(privately(marta, before)).toEqual([
      'Escalation: in "Acme × Sofía" Ivan wrote Wed 2 Dec 2026, 11:00 (Europe/Madrid) and the answer was due by Wed 2 Dec 2026, 13:00 (Europe/Madrid); it is now late past the agreed margin and no specialist has answered. Specialists: Sofía Marketing (@sofia_smm).',
    ]);
    await scenario.harness.restart();
    scenario.setTime("2026-12-02T14:00");
    await scenario.tick();
    expect(privately(marta, before)).toHaveLength(1);
    expect(windowEvents()).toEqual(["opened", "warned", "breached", "escalated"]);

    // Counted in /status, the digest and the report.
    const escalatedLine = "Late enough to reach the manager: 1.";
    expect((await scenario.write(specialist, "/status"))[0]).toContain(escalatedLine);
    expect((await scenario.write(specialist, "/digest"))[0]).toContain(escalatedLine);
    const report = reportRows(scenario.harness.databasePath, {
      zone: "Europe/Madrid",
      from: "2026-12-01",
      to: "2026-12-31",
    });
    expect(report).toEqual([expect.objectContaining({ breached: 1, escalated: 1 })]);
  });

  it("is not told when the answer came in time, nor when escalation is off", async () => {
    await managedChat();
    await scenario.write(specialist, "/set escalate_after 30m");
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Where is the report?");
    scenario.setTime("2026-12-02T13:10");
    await scenario.write(specialist, "Sending it now.");
    await scenario.write(specialist, "/set escalate_after off");
    scenario.setTime("2026-12-02T15:00");
    await scenario.write(client, "And the invoice?");
    const before = privately(marta).length;
    scenario.setTime("2026-12-03T12:00");
    await scenario.tick();
    expect(privately(marta, before)).toEqual([]);
  });

  it("gets a weekly summary of the chats they manage", async () => {
    await managedChat();
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Where is the report?");
    scenario.setTime("2026-12-02T11:30");
    await scenario.write(specialist, "Sending it now.");
    scenario.setTime("2026-12-03T11:00");
    await scenario.write(client, "And the invoice?");
    const before = privately(marta).length;
    scenario.setTime("2026-12-07T09:01");
    await scenario.tick();
    expect(privately(marta, before)).toEqual([
      [
        "Weekly summary of the chats you manage, Mon 7 Dec 2026, 09:01 (Europe/Madrid)",
        "",
        '"Acme × Sofía": 2 questions in 7 days, 1 answered on time, 1 late or unanswered, 0 needed no answer.',
        "• Overdue: the answer to the client, due by Thu 3 Dec 2026, 13:00 (Europe/Madrid).",
      ].join("\n"),
    ]);
    await scenario.harness.restart();
    await scenario.tick();
    expect(privately(marta, before)).toHaveLength(1);
  });

  it("counts in the weekly summary the answers late enough to have reached them", async () => {
    await managedChat();
    await scenario.write(specialist, "/set escalate_after 30m");
    scenario.setTime("2026-12-03T11:00");
    await scenario.write(client, "And the invoice?");
    scenario.setTime("2026-12-03T13:31");
    await scenario.tick();
    scenario.setTime("2026-12-03T14:00");
    await scenario.write(specialist, "Here it is, sorry for the delay.");
    const before = privately(marta).length;
    scenario.setTime("2026-12-07T09:01");
    await scenario.tick();
    expect(privately(marta, before)).toEqual([
      [
        "Weekly summary of the chats you manage, Mon 7 Dec 2026, 09:01 (Europe/Madrid)",
        "",
        '"Acme × Sofía": 1 question in 7 days, 0 answered on time, 1 late or unanswered, 0 needed no answer.',
        "• Late enough to reach you: 1.",
        "• Nothing is overdue on either side.",
      ].join("\n"),
    ]);
  });
});

import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { pressButton, pressFirstButton } from "../support/buttons.js";
import { clientGroup, commandEntities } from "../support/client-group.js";
import { settled } from "../support/harness.js";
import { client, group, message, specialist } from "../support/updates.js";

const chat = group();
const scenario = clientGroup(chat, "Europe/Madrid");
afterEach(async () => scenario.harness?.stop().catch(() => undefined));

const marta: User = { id: 901, is_bot: false, first_name: "Marta", username: "marta_lead", language_code: "en" };
const ANSWERED_LATE = "✅ Answered by Sofía Marketing (@sofia_smm) at Wed 2 Dec, 13:45, 45 minutes late.";
const ANSWERED_ON_TIME = "✅ Answered by Sofía Marketing (@sofia_smm) at Wed 2 Dec, 12:50, on time.";

async function inPrivate(user: User, text: string): Promise<void> {
  scenario.harness.telegram.pushUpdate(
    message({ id: user.id, type: "private", first_name: user.first_name }, user, text, commandEntities(text)),
  );
  await settled(scenario.harness);
}

/** The chat with Marta confirmed as its manager and escalation after 30 minutes; the specialist never started regbot. */
async function managedChat(): Promise<void> {
  await scenario.open("2026-12-02T09:00");
  await inPrivate(marta, "/start");
  await scenario.write(marta, "Hello everyone");
  await scenario.write(specialist, "/manager @marta_lead", {
    entities: [
      { type: "bot_command", offset: 0, length: 8 },
      { type: "mention", offset: 9, length: 11 },
    ],
  });
  await pressFirstButton(scenario.harness, scenario.lastSent(), marta);
  await scenario.write(specialist, "/set escalate_after 30m");
}

/** A message regbot sent there as it is now, after any edits. */
function now(sent: Message): Message {
  return scenario.harness.telegram.currentMessage(sent.chat.id, sent.message_id)!;
}

function loggedEdits() {
  return scenario.harness
    .query<{ line: string }>("select line from events where kind = 'bot_edit' order by seq")
    .map((row) => JSON.parse(row.line).payload as { method: string; result: Message });
}

function loggedWindowRecords() {
  return scenario.harness
    .query<{ line: string }>("select line from events where kind = 'window' order by seq")
    .map((row) => JSON.parse(row.line) as { chat: number; payload: Record<string, unknown> });
}

function loggedWindowEvents() {
  return loggedWindowRecords().map((event) => event.payload);
}

/** The edits of private alerts, recorded in the group's log. */
function loggedPrivateEdits() {
  return loggedWindowRecords().filter((event) => event.payload.event === "alert-edited");
}

/**
 * As if regbot died after Telegram applied the next edit, before it could record that: the
 * connection breaks after the edit is made, and regbot is stopped while the edit is in flight.
 */
function crashAfterTheEdit(): void {
  scenario.harness.telegram.failNext("editMessageText", { kind: "reset-after" });
}

async function restartAsAfterTheCrash(): Promise<void> {
  await scenario.harness.telegram.waitFor(() => editRows()[0]?.attempts === 1 && editRows()[0]?.state === "pending");
  await scenario.harness.stopRegbot();
  const database = openDatabase(scenario.harness.databasePath);
  database.sqlite.prepare("update outbox set state = 'sending' where edit_of is not null").run();
  database.close();
  await scenario.harness.startRegbot();
  await settled(scenario.harness);
}

function editRows() {
  return scenario.harness.query<{ state: string; attempts: number }>(
    "select state, attempts from outbox where edit_of is not null order by id",
  );
}

describe("alerts that update themselves", () => {
  it("edits the warning, the breach notice and the manager's escalation when the answer comes, instead of a new message", async () => {
    await managedChat();
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Can we change the targeting to Valencia?");
    scenario.setTime("2026-12-02T12:40");
    await scenario.tick();
    const warning = scenario.lastSent();
    scenario.setTime("2026-12-02T13:01");
    await scenario.tick();
    const breach = scenario.lastSent();
    scenario.setTime("2026-12-02T13:31");
    await scenario.tick();
    const escalation = scenario.harness.telegram.sentTo(marta.id).at(-1)!;
    expect(escalation.text).toContain("Escalation:");
    const privatelyToMarta = scenario.harness.telegram.sentTo(marta.id).length;

    scenario.setTime("2026-12-02T13:45");
    const answer = scenario.harness.telegram.pushUpdate(scenario.said(specialist, "Done, targeting changed."));
    await settled(scenario.harness);

    expect(scenario.sentSince(scenario.harness.telegram.sentTo(chat.id).indexOf(breach) + 1)).toEqual([]);
    expect(scenario.harness.telegram.sentTo(marta.id)).toHaveLength(privatelyToMarta);
    expect(now(warning).text).toBe(`${warning.text}\n\n${ANSWERED_LATE}`);
    expect(now(warning).reply_markup).toBeUndefined();
    expect(now(warning).entities).toEqual(warning.entities);
    expect(now(breach).text).toBe(`${breach.text}\n\n${ANSWERED_LATE}`);
    expect(now(escalation).text).toBe(`${escalation.text}\n\n${ANSWERED_LATE}`);
    // The group's edits are in its log like everything regbot says there.
    expect(loggedEdits().map((edit) => [edit.method, edit.result.message_id])).toEqual([
      ["editMessageText", warning.message_id],
      ["editMessageText", breach.message_id],
    ]);
    // The manager's, sent privately, in the group's log too.
    expect(loggedPrivateEdits().map((event) => [event.payload.to, event.payload.messageId])).toEqual([
      [marta.id, escalation.message_id],
    ]);

    // Handled again after a crash, or after a restart, the answer edits nothing twice.
    await scenario.handleAgainAfterCrash(answer);
    await scenario.harness.restart();
    scenario.setTime("2026-12-02T15:00");
    expect(await scenario.tick()).toEqual([]);
    expect(scenario.harness.telegram.edited).toHaveLength(3);
    expect(editRows()).toEqual(Array(3).fill({ state: "sent", attempts: 1 }));
    expect(loggedEdits()).toHaveLength(2);
    expect(loggedPrivateEdits()).toHaveLength(1);
  });

  it("says the answer came on time on a private warning, and the button goes", async () => {
    await scenario.open("2026-12-02T09:00");
    await inPrivate(specialist, "/start");
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Where is the report?");
    scenario.setTime("2026-12-02T12:40");
    await scenario.tick();
    const warning = scenario.harness.telegram.sentTo(specialist.id).at(-1)!;
    expect(warning.reply_markup?.inline_keyboard.flat().map((button) => button.text)).toEqual(["No answer needed"]);
    // Sent privately, so the group's log says who was warned, once.
    await scenario.tick();
    expect(loggedWindowEvents().filter((payload) => payload.event === "warned")).toEqual([
      { event: "warned", windowId: 1, dueAt: "2026-12-02T12:00:00.000Z", specialists: [specialist.id] },
    ]);
    scenario.setTime("2026-12-02T12:50");
    await scenario.write(specialist, "Here it is.");
    expect(now(warning).text).toBe(`${warning.text}\n\n${ANSWERED_ON_TIME}`);
    expect(now(warning).reply_markup).toBeUndefined();
    // Edited privately, recorded in the group's log all the same, as the alert it is about.
    expect(loggedPrivateEdits().map((event) => event.payload)).toEqual([
      {
        event: "alert-edited",
        windowId: 1,
        to: specialist.id,
        messageId: warning.message_id,
        note: ANSWERED_ON_TIME,
        text: now(warning).text,
        delivery: "certain",
      },
    ]);
    const [groupChat] = scenario.harness.query<{ id: number }>(
      "select id from chats where telegram_chat_id = ?",
      chat.id,
    );
    expect(loggedPrivateEdits()[0]!.chat).toBe(groupChat!.id);
    expect(loggedEdits()).toEqual([]);
  });

  it("edits the other specialists' copies when one marks the message as needing no answer", async () => {
    const colleague: User = { id: 502, is_bot: false, first_name: "Luis", language_code: "en" };
    await scenario.open("2026-12-02T09:00");
    await scenario.write(colleague, "Hi all");
    await scenario.write(specialist, "/specialist", {
      reply_to_message: { message_id: 1, date: 1, chat, from: colleague, text: "hi" },
    });
    await inPrivate(specialist, "/start");
    await inPrivate(colleague, "/start");
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Thanks, got it!");
    scenario.setTime("2026-12-02T12:40");
    await scenario.tick();
    const mine = scenario.harness.telegram.sentTo(specialist.id).at(-1)!;
    const theirs = scenario.harness.telegram.sentTo(colleague.id).at(-1)!;
    await pressButton(scenario.harness, mine, specialist, "No answer needed");
    // The one who pressed reads the buttons in their own language (Spanish); the others read the chat's.
    await pressButton(scenario.harness, now(mine), specialist, "Gracias / ok");
    expect(now(mine).text).toContain("Gracias / ok");
    const note = "No answer needed (Thanks / ok), marked by Sofía Marketing (@sofia_smm).";
    expect(now(theirs).text).toBe(`${theirs.text}\n\n${note}`);
    expect(now(theirs).reply_markup).toBeUndefined();
    expect(scenario.harness.telegram.edited).toHaveLength(3);
  });

  it("sends an edit interrupted by a crash once and records it once: after the restart Telegram already has it", async () => {
    await scenario.open("2026-12-02T09:00");
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Can we change the targeting to Valencia?");
    scenario.setTime("2026-12-02T12:40");
    await scenario.tick();
    const warning = scenario.lastSent();
    scenario.setTime("2026-12-02T12:50");
    crashAfterTheEdit();
    scenario.harness.telegram.pushUpdate(scenario.said(specialist, "Done."));
    await restartAsAfterTheCrash();

    expect(scenario.harness.telegram.edited).toHaveLength(1);
    expect(now(warning).text).toBe(`${warning.text}\n\n${ANSWERED_ON_TIME}`);
    expect(editRows()).toEqual([{ state: "sent", attempts: 2 }]);
    // Telegram's "not modified" on the retry: the edit is recorded as the row asked for it, once.
    expect(loggedEdits()).toEqual([
      {
        method: "editMessageText",
        result: expect.objectContaining({ message_id: warning.message_id }),
        delivery: "already applied",
      },
    ]);
    expect(loggedEdits()[0]!.result.text).toBe(now(warning).text);
    await scenario.harness.restart();
    await settled(scenario.harness);
    expect(loggedEdits()).toHaveLength(1);
  });

  it("records a private alert's edit interrupted by a crash once, in the group's log", async () => {
    await scenario.open("2026-12-02T09:00");
    await inPrivate(specialist, "/start");
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Where is the report?");
    scenario.setTime("2026-12-02T12:40");
    await scenario.tick();
    const warning = scenario.harness.telegram.sentTo(specialist.id).at(-1)!;
    scenario.setTime("2026-12-02T12:50");
    crashAfterTheEdit();
    scenario.harness.telegram.pushUpdate(scenario.said(specialist, "Here it is."));
    await restartAsAfterTheCrash();

    expect(scenario.harness.telegram.edited).toHaveLength(1);
    expect(loggedPrivateEdits().map((event) => [event.payload.text, event.payload.delivery])).toEqual([
      [now(warning).text, "already applied"],
    ]);
    await scenario.harness.restart();
    await settled(scenario.harness);
    expect(loggedPrivateEdits()).toHaveLength(1);
  });

  it("edits the group's copy of a warning that could not reach the specialist privately", async () => {
    await scenario.open("2026-12-02T09:00");
    await inPrivate(specialist, "/start");
    scenario.harness.telegram.userBlockedBot(specialist.id);
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Where is the report?");
    scenario.setTime("2026-12-02T12:40");
    // The warning waits for a retry while the answer comes: the edit queued for it follows it to the group.
    scenario.harness.telegram.failNext("sendMessage", { kind: "500" });
    await scenario.harness.regbot.scheduler.tick();
    scenario.setTime("2026-12-02T12:50");
    scenario.harness.telegram.pushUpdate(scenario.said(specialist, "Here it is."));
    await settled(scenario.harness, 15_000);

    const copy = scenario.harness.telegram.sentTo(chat.id).find((sent) => sent.text?.includes("is waiting"))!;
    expect(now(copy).text).toBe(`${copy.text}\n\n${ANSWERED_ON_TIME}`);
    expect(scenario.harness.telegram.sentTo(specialist.id).map((sent) => sent.text)).not.toContainEqual(
      expect.stringContaining("is waiting"),
    );
    expect(editRows().map((row) => row.state)).toEqual(["cancelled", "sent"]);
  }, 30_000);

  it("edits nothing when the alert itself was never delivered", async () => {
    let pacing = Date.UTC(2026, 11, 2, 9);
    await scenario.open("2026-12-02T09:00", {}, () => pacing);
    scenario.setTime("2026-12-02T11:00");
    await scenario.write(client, "Where is the report?");
    scenario.setTime("2026-12-02T12:40");
    scenario.harness.telegram.failNext("sendMessage", { kind: "reset-before" }, 1_000);
    await scenario.harness.regbot.scheduler.tick();
    scenario.setTime("2026-12-02T12:50");
    scenario.harness.telegram.pushUpdate(scenario.said(specialist, "Here it is."));
    await scenario.harness.telegram.waitFor(() => editRows().length === 1);
    // An hour of Telegram failing: regbot gives the warning up, and its edit with it.
    for (let step = 0; step < 200 && editRows()[0]!.state === "pending"; step += 1) {
      pacing += 60_000;
      scenario.harness.regbot.outbox.wake();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    scenario.harness.telegram.clearFaults("sendMessage");
    await settled(scenario.harness);
    expect(
      scenario.harness.query("select state from outbox where dedupe_key like 'window:1:warning:%' order by id"),
    ).toEqual([{ state: "failed" }]);
    expect(editRows()).toEqual([{ state: "cancelled", attempts: 0 }]);
    expect(scenario.harness.telegram.callsTo("editMessageText")).toEqual([]);
  });
});

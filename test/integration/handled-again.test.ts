import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { pressFirstButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import { settled } from "../support/harness.js";
import { bystander, client, group, specialist } from "../support/updates.js";

/**
 * regbot killed after handling an update but before writing that it did: restarted, it handles
 * the update again, and that must change nothing and say nothing new.
 */
const chat = group();
const scenario = clientGroup(chat, "Europe/Madrid");
afterEach(async () => scenario.harness.stop());

/** A reply to a message of `from`, as Telegram includes it. */
const replyTo = (from: User) => ({ reply_to_message: { message_id: 1, date: 1, chat, from, text: "hi" } });

/** What a command leaves behind: what regbot said, and every table a handler writes (the record without restarts' own events). */
function outcome() {
  const { harness } = scenario;
  const table = (name: string) => harness.query(`select * from ${name} order by rowid`);
  return {
    said: harness.telegram.sentTo(chat.id).map((sent) => [sent.text, sent.reply_markup]),
    record: harness.query("select source, kind, text from events where kind <> 'lifecycle' order by seq"),
    outbox: harness.query("select dedupe_key, payload from outbox order by id"),
    ...Object.fromEntries(
      [
        "chat_roles",
        "client_nominations",
        "regulation_versions",
        "obligations",
        "work_pauses",
        "response_windows",
        "voice_messages",
        "chats",
      ].map((name) => [name, table(name)]),
    ),
    jobs: harness.query(
      "select kind, dedupe_key, due_at, payload, state from jobs where kind not like 'checkpoint%' order by id",
    ),
  };
}

async function handledTwice(from: User, text: string, extra: Record<string, unknown> = {}): Promise<void> {
  await twice(text, scenario.said(from, text, extra));
}

/** `from` taps the button labelled `label` under regbot's last message with buttons. */
async function pressedTwice(from: User, label: string): Promise<void> {
  const message = scenario.harness.telegram.sentTo(chat.id).findLast((sent) => sent.reply_markup !== undefined)!;
  const buttons = (
    message.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }
  ).inline_keyboard.flat();
  const data = buttons.find((button) => button.text === label)?.callback_data;
  if (data === undefined) throw new Error(`no button "${label}" under: ${message.text} ${JSON.stringify(buttons)}`);
  await twice(`${label} pressed`, {
    callback_query: { id: `press-${data}`, from, chat_instance: "ci", data, message: message as never },
  });
}

async function twice(what: string, update: Parameters<typeof scenario.harness.telegram.pushUpdate>[0]): Promise<void> {
  const pushed = scenario.harness.telegram.pushUpdate(update);
  await settledWithDueJobs();
  const once = outcome();
  await scenario.handleAgainAfterCrash(pushed);
  await settledWithDueJobs();
  expect(outcome(), `${what}, handled again`).toEqual(once);
}

/**
 * Work an update scheduled for now (an export) runs before each snapshot: a restart's first tick
 * runs it, so a snapshot taken while it may still be running would differ by timing alone.
 */
async function settledWithDueJobs(): Promise<void> {
  const { harness } = scenario;
  await settled(harness);
  await harness.regbot.scheduler.tick();
  await harness.regbot.scheduler.idle();
  await settled(harness);
}

describe("an update handled again after a crash", () => {
  it("keeps the first nomination of a client contact open, so its button still confirms", async () => {
    await scenario.open();
    await handledTwice(specialist, "/client", replyTo(bystander));
    await pressFirstButton(scenario.harness, scenario.lastSent(), bystander);
    expect(scenario.lastSent().text).toBe(
      "Cousin confirmed: from now on Cousin is the authorised client contact in this chat.",
    );
  }, 30_000);

  it("says once what a change of the regulation changed", async () => {
    await scenario.open();
    await handledTwice(specialist, "/set response 1d");
  }, 30_000);

  it("changes nothing and says nothing new, for every command", async () => {
    await scenario.open();
    const steps: Array<() => Promise<void>> = [
      () => handledTwice(specialist, "/rules"),
      () => handledTwice(specialist, "/help"),
      () => handledTwice(specialist, "/status"),
      () => handledTwice(specialist, "/set hours Mon-Fri 09:00-18:00"),
      () => handledTwice(specialist, "/observer", replyTo(bystander)),
      () => handledTwice(specialist, "/unassign", replyTo(bystander)),
      () => handledTwice(specialist, "/specialist", replyTo(bystander)),
      () => handledTwice(specialist, "/request Access to the ad account"),
      () => handledTwice(client, "/provided R1"),
      () => handledTwice(specialist, "/request Logo files"),
      () => pressedTwice(client, "Provided"),
      () => handledTwice(client, "/revision Replace the photo in the second post"),
      () => handledTwice(specialist, "/estimate V1 3d Ten posts need new copy"),
      () => handledTwice(specialist, "/delivered V1"),
      () => handledTwice(client, "/reopen V1 The font is wrong"),
      () => handledTwice(specialist, "/delivered V1"),
      () => handledTwice(client, "/accept V1"),
      () => handledTwice(specialist, "/plan add 2026-12-10 Audience analysis"),
      () => handledTwice(specialist, "/plan rename S1 Audience research"),
      () => handledTwice(specialist, "/plan move S1 2026-12-11"),
      () => handledTwice(specialist, "/plan done S1"),
      () => handledTwice(specialist, "/call Tue 15:00 Campaign results"),
      () => pressedTwice(client, "Confirm"),
      () => handledTwice(specialist, "/minutes C1 Budget stays at 500 €"),
      () => handledTwice(specialist, "/request Brand book"),
      () => handledTwice(specialist, "/shift R3"),
      () => handledTwice(client, "/export"),
      () => handledTwice(client, "/checkpoint"),
      () => handledTwice(client, "Hello, any news?"),
      () => handledTwice(client, "/pause 24h We both need a day"),
      () => pressedTwice(specialist, "Accept the pause"),
    ];
    for (const step of steps) await step();
  }, 240_000);
});

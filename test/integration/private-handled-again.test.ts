import type { Message, Update, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { clientGroup, commandEntities } from "../support/client-group.js";
import { settled } from "../support/harness.js";
import { client, group, message, specialist } from "../support/updates.js";

/**
 * What regbot says straight to Telegram rather than through the outbox (private replies, the
 * guided setup, answers to buttons), when regbot is killed after handling an update and before
 * writing that it did: restarted, it handles the update again, and that says nothing new and
 * moves no conversation on.
 */
const chat = group();
const scenario = clientGroup(chat, "Europe/Madrid");
const privateChat = { id: specialist.id, type: "private" as const, first_name: specialist.first_name };
afterEach(async () => scenario.harness.stop());

/** The calls by which regbot says something outside the outbox. */
const SAYING = ["sendMessage", "answerCallbackQuery", "editMessageText"];

function outcome() {
  const { harness } = scenario;
  return {
    said: SAYING.flatMap((method) => harness.telegram.callsTo(method).map((call) => [method, call.params])),
    // Parsed: an update replayed from the database lists its fields in another order.
    conversations: harness
      .query<{ user_id: number; state: string; update_key: number | null }>(
        "select user_id, state, update_key from conversation_states order by user_id",
      )
      .map((row) => ({ ...row, state: JSON.parse(row.state) as unknown })),
    regulation: harness.query("select version, settings from regulation_versions order by version"),
    outbox: harness.query("select dedupe_key, payload from outbox order by id"),
  };
}

let handledAgain = 0;
let newCalls = 0;

/** Handles `update` once, then again as after a crash: the state stored when it was handled, and as it was before. */
async function twice(what: string, update: Omit<Update, "update_id">): Promise<void> {
  const { harness } = scenario;
  const conversationBefore = harness.query<{
    user_id: number;
    state: string;
    update_key: number | null;
    updated_at: number;
  }>("select * from conversation_states");
  const pushed = harness.telegram.pushUpdate(update);
  await settled(harness);
  const once = outcome();
  const calls = once.said.length;

  await scenario.handleAgainAfterCrash(pushed);
  handledAgain += 1;
  newCalls += outcome().said.length - calls;
  expect(outcome(), `${what}, handled again`).toEqual(once);

  const unchanged = conversationBefore.map(({ updated_at: _, ...row }) => ({
    ...row,
    state: JSON.parse(row.state) as unknown,
  }));
  if (JSON.stringify(once.conversations) === JSON.stringify(unchanged)) return;
  // Killed after saying it but before the conversation's state was stored: the state is the one before.
  await crashBeforeConversationStored(pushed, conversationBefore);
  handledAgain += 1;
  newCalls += outcome().said.length - calls;
  expect(outcome(), `${what}, handled again before its conversation state was stored`).toEqual(once);
}

async function crashBeforeConversationStored(
  update: Update,
  before: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  const { harness } = scenario;
  await harness.stopRegbot();
  const database = openDatabase(harness.databasePath);
  database.sqlite.prepare("delete from conversation_states").run();
  const restore = database.sqlite.prepare(
    "insert into conversation_states (user_id, state, update_key, updated_at) values (@user_id, @state, @update_key, @updated_at)",
  );
  for (const row of before) restore.run(row);
  database.sqlite.prepare("update inbox_updates set state = 'pending' where update_id = ?").run(update.update_id);
  database.close();
  await harness.startRegbot();
  await settled(harness);
}

const inPrivate = (text: string) =>
  twice(
    text,
    message(privateChat, specialist, text, { date: Math.floor(scenario.now / 1000), ...commandEntities(text) }),
  );

/** `from` taps the first button whose data holds `suffix` under the last message in `chatId` that has one. */
function tap(from: User, chatId: number, suffix: string, id: string) {
  const buttonsOf = (sent: Message) =>
    (sent.reply_markup?.inline_keyboard ?? [])
      .flat()
      .flatMap((button) => ("callback_data" in button ? [button.callback_data] : []));
  const question = scenario.harness.telegram.sentTo(chatId).findLast((sent) => buttonsOf(sent).length > 0);
  const data = question === undefined ? undefined : buttonsOf(question).find((candidate) => candidate.includes(suffix));
  if (question === undefined || data === undefined) throw new Error(`no button …${suffix} in chat ${chatId}`);
  return twice(`${suffix} tapped`, {
    callback_query: { id, from, chat_instance: "ci", data, message: question as never },
  });
}

describe("a private reply or button answer handled again after a crash", () => {
  it("is said once, and the guided setup moves on once per answer", async () => {
    handledAgain = 0;
    newCalls = 0;
    await scenario.open();
    const chatKey = scenario.harness.query<{ id: number }>("select id from chats")[0]!.id;
    await inPrivate("/start");
    await inPrivate("/help");
    await inPrivate("/start no-such-link");
    await inPrivate("/cancel");
    await inPrivate("/chats");
    await tap(specialist, specialist.id, `st:${chatKey}`, "show-chat");
    await inPrivate(`/start setup-${chatKey}`);
    await tap(specialist, specialist.id, "set:language:en", "language");
    await inPrivate("Europe/Madrid");
    await inPrivate("Mon-Fri 25:00-26:00");
    await inPrivate("Mon-Fri 09:00-18:00");
    await tap(specialist, specialist.id, "keep:holidays", "holidays");
    await inPrivate("4h");
    const lastButtons = () =>
      JSON.stringify(
        scenario.harness.telegram.sentTo(specialist.id).findLast((sent) => sent.reply_markup !== undefined)
          ?.reply_markup,
      );
    for (let step = 6; !lastButtons().includes(":apply"); step++)
      await tap(specialist, specialist.id, ":keep:", `keep-${step}`);
    await inPrivate("something else");
    await tap(specialist, specialist.id, ":apply", "apply");

    // Each question was answered once (its message edited to show the answer), and one regulation applied.
    const questions = scenario.harness.telegram
      .sentTo(specialist.id)
      .filter((sent) => JSON.stringify(sent.reply_markup ?? {}).includes(":keep:"));
    expect(questions.length).toBeGreaterThan(10);
    // The hours were asked twice: the wrong value's question keeps its buttons.
    expect(scenario.harness.telegram.callsTo("editMessageText")).toHaveLength(questions.length - 1);
    const versions = scenario.harness.query<{ settings: string }>(
      "select settings from regulation_versions order by version",
    );
    // The first is the scenario's own /set digest off.
    expect(versions).toHaveLength(2);
    expect(JSON.parse(versions[1]!.settings)).toMatchObject({
      language: "en",
      timezone: "Europe/Madrid",
      response: { unit: "minutes", minutes: 240 },
    });

    // A button in the group is answered once too.
    await twice("/request", scenario.said(specialist, "/request Access to the ad account"));
    await tap(client, chat.id, "", "provided");
    expect(
      scenario.harness.telegram
        .callsTo("answerCallbackQuery")
        .filter((call) => call.params.callback_query_id === "provided"),
    ).toHaveLength(1);

    expect(handledAgain).toBeGreaterThanOrEqual(30);
    expect(newCalls).toBe(0);
    console.info(`${handledAgain} private updates and button taps handled again → ${newCalls} new calls to Telegram`);
  }, 300_000);
});

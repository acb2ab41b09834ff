import type { Chat, Message, User } from "grammy/types";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pressButton, pressFirstButton } from "../support/buttons.js";
import { cli } from "../support/cli.js";
import { type ClientGroup, clientGroup, commandEntities } from "../support/client-group.js";
import { settled } from "../support/harness.js";
import { freshPostgresDatabase, type ScratchPostgres } from "../support/postgres.js";
import { client, group, message, specialist } from "../support/updates.js";

const zone = "Europe/Madrid";
/** The report reads the wall clock: the second history happens around it. */
const wallClock = DateTime.now().setZone(zone).startOf("minute");
const marta: User = { id: 901, is_bot: false, first_name: "Marta", username: "marta_lead", language_code: "en" };

/** A chat's history run through the real bot, then the deployment stopped and moved into PostgreSQL. */
interface Moved {
  scenario: ClientGroup;
  sqlite: string;
  postgres: ScratchPostgres;
  /** `--from` and `--to` of its report. */
  period: string[];
}

/** The latest message in the group, or to someone privately, with a button labelled `label`. */
function withButton(scenario: ClientGroup, chat: Chat, label: string): Message {
  const { telegram } = scenario.harness;
  const hasButton = (sent: Message) =>
    sent.reply_markup?.inline_keyboard.flat().some((button) => button.text === label) ?? false;
  const found = [...telegram.sentTo(specialist.id), ...telegram.sentTo(chat.id), ...telegram.edited]
    .filter(hasButton)
    .sort((one, other) => one.message_id - other.message_id)
    .at(-1);
  if (found === undefined) throw new Error(`no message with "${label}"`);
  return found;
}

/**
 * Three weeks of November under a contract that has ended: Marta the manager, answers on time,
 * late and escalated, one needing none, a stage done late under a penalty, a confirmed payment,
 * a call missed by each side, two ratings, a cooling-off pause, a request never provided.
 */
async function anEndedContract(): Promise<Moved> {
  const chat = group(-1001234567001, "Acme × Sofía");
  const scenario = clientGroup(chat, zone);
  const { setTime, write, tick, lastSent } = scenario;
  const press = (sent: Message, from: User, label: string, id?: string) =>
    pressButton(scenario.harness, sent, from, label, id);
  const harness = await scenario.open("2026-11-02T09:00");
  harness.telegram.pushUpdate(
    message(
      { id: marta.id, type: "private", first_name: marta.first_name },
      marta,
      "/start",
      commandEntities("/start"),
    ),
  );
  await settled(harness);
  await write(marta, "Hello everyone");
  await write(specialist, "/manager @marta_lead", {
    entities: [
      { type: "bot_command", offset: 0, length: 8 },
      { type: "mention", offset: 9, length: 11 },
    ],
  });
  await pressFirstButton(harness, lastSent(), marta);
  await write(specialist, "/set escalate_after 30m");
  await write(specialist, "/set contract 2026-11-02..2026-11-20");
  await write(specialist, "/set contract_sum 3000 EUR");
  await write(specialist, "/set penalty 10% + 2%/day business clause 7.1");
  setTime("2026-11-02T10:00");
  await write(specialist, "/request Access to the ad account");
  await write(specialist, "/plan add 2026-11-04 Audience analysis");
  setTime("2026-11-02T15:00");
  await write(client, "/paid bank transfer");
  await press(lastSent(), specialist, "Confirm the payment");

  setTime("2026-11-03T11:00");
  await write(client, "When will the report be ready?");
  setTime("2026-11-03T11:20");
  await write(specialist, "Tomorrow morning.");
  setTime("2026-11-04T11:00");
  await write(client, "Can we change the targeting to Valencia?");
  for (const time of ["2026-11-04T13:05", "2026-11-04T13:31"]) {
    setTime(time);
    await tick();
  }
  setTime("2026-11-04T14:00");
  await write(specialist, "Done, Valencia it is.");
  setTime("2026-11-05T11:00");
  await write(client, "Thanks, got it!");
  setTime("2026-11-05T12:40");
  await tick();
  await press(withButton(scenario, chat, "No answer needed"), specialist, "No answer needed");
  await press(withButton(scenario, chat, "Thanks / ok"), specialist, "Thanks / ok");
  setTime("2026-11-06T12:00");
  await write(specialist, "/plan done S1");
  await press(withButton(scenario, chat, "2"), client, "2");

  setTime("2026-11-09T10:00");
  await write(specialist, "/call Tue 15:00 Campaign results");
  await press(lastSent(), client, "Confirm");
  await write(specialist, "/call Thu 15:00 Budget review");
  await press(lastSent(), client, "Confirm");
  for (const [day, reporter, confirmer] of [
    ["10", specialist, client],
    ["12", client, specialist],
  ] as const) {
    setTime(`2026-11-${day}T14:50`);
    await tick();
    const reminder = withButton(scenario, chat, "The call did not happen");
    setTime(`2026-11-${day}T15:20`);
    await press(reminder, reporter, "The call did not happen", "after");
    await press(withButton(scenario, chat, "Confirm: it was missed"), confirmer, "Confirm: it was missed");
  }

  setTime("2026-11-16T11:00");
  await write(client, "/revision Replace the photo in the second post");
  setTime("2026-11-17T12:00");
  await write(specialist, "/delivered V1");
  setTime("2026-11-17T15:00");
  await write(client, "/accept V1");
  await press(withButton(scenario, chat, "5"), client, "5");

  setTime("2026-11-18T10:00");
  await write(client, "/pause 2h We both need a break");
  await press(lastSent(), specialist, "Accept the pause");
  return moved(scenario, ["--from", "2026-11-01", "--to", "2026-11-30"]);
}

/**
 * A contract running past today, by the wall clock the report reads: a cooling-off pause accepted
 * an hour ago, and a question asked during it, so still open.
 */
async function aPauseRunningNow(): Promise<Moved> {
  const scenario = clientGroup(group(-1001234567002, "Beta × Sofía"), zone);
  const now = wallClock;
  const start = now.minus({ weeks: 2 }).startOf("week").set({ hour: 9 });
  const at = (time: DateTime) => scenario.setTime(time.toISO({ includeOffset: false })!);
  await scenario.open(start.toISO({ includeOffset: false })!);
  await scenario.write(specialist, `/set contract ${start.toISODate()}..${now.plus({ months: 3 }).toISODate()}`);
  at(now.minus({ hours: 2 }));
  await scenario.write(client, "/pause 24h We both need a day");
  await pressButton(scenario.harness, scenario.lastSent(), specialist, "Accept the pause");
  at(now.minus({ hours: 1 }));
  await scenario.write(client, "Are you there?");
  return moved(scenario, ["--from", start.toISODate()!, "--to", now.toISODate()!]);
}

async function moved(scenario: ClientGroup, period: string[]): Promise<Moved> {
  await scenario.harness.stopRegbot();
  const sqlite = scenario.harness.databasePath;
  const postgres = await freshPostgresDatabase();
  const copy = await cli("migrate-to-postgres", ["--from", sqlite, "--to", postgres.url]);
  expect(copy.code).toBe(0);
  return { scenario, sqlite, postgres, period };
}

let ended: Moved;
let running: Moved;

beforeAll(async () => {
  ended = await anEndedContract();
  running = await aPauseRunningNow();
}, 240_000);

afterAll(async () => {
  for (const deployment of [ended, running]) {
    await deployment?.scenario.harness.stop();
    await deployment?.postgres.drop();
  }
});

describe("npm run report on PostgreSQL", () => {
  it.each(["json", "text", "csv"])("reports every figure as on SQLite, as %s", async (format) => {
    for (const { sqlite, postgres, period } of [ended, running]) {
      const onSqlite = await cli("report", [...period, "--format", format, "--database", sqlite]);
      const onPostgres = await cli("report", [...period, "--format", format], { DATABASE_URL: postgres.url });
      expect(onSqlite.code).toBe(0);
      expect(onPostgres).toEqual(onSqlite);
    }
  });

  it("has a figure other than zero or empty in every column across the two histories", async () => {
    const rows = async ({ postgres, period }: Moved) =>
      JSON.parse((await cli("report", [...period, "--format", "json", "--database-url", postgres.url])).stdout);
    expect(await rows(ended)).toEqual([
      {
        chatId: 1,
        telegramChatId: -1001234567001,
        title: "Acme × Sofía",
        timezone: zone,
        from: "2026-11-01T00:00:00+01:00",
        to: "2026-12-01T00:00:00+01:00",
        opened: 2,
        answeredOnTime: 1,
        breached: 1,
        open: 0,
        dismissed: 1,
        escalated: 1,
        medianBusinessMinutes: 20,
        p90BusinessMinutes: 180,
        stagesPenalised: 1,
        penaltyPercent: 14,
        penaltyAmount: 420,
        penaltyCurrency: "EUR",
        paidAt: "2026-11-02T15:00:00+01:00",
        workStartsAt: "2026-11-05T10:00:00+01:00",
        contractLastDay: "2026-11-20",
        contractEnded: true,
        unprovidedAtEnd: 1,
        missedCallsClient: 1,
        missedCallsSpecialist: 1,
        pauses: 1,
        pausedUntil: null,
        ratings: 2,
        ratingAverage: 3.5,
        lowRatings: 1,
      },
    ]);
    expect(await rows(running)).toEqual([
      expect.objectContaining({
        title: "Beta × Sofía",
        opened: 1,
        open: 1,
        pauses: 1,
        pausedUntil: wallClock.plus({ hours: 22 }).toISO({ suppressMilliseconds: true }),
        contractLastDay: wallClock.plus({ months: 3 }).toISODate(),
        contractEnded: false,
      }),
    ]);
  });
});

import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group();
const command = (text: string) => ({
  entities: [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }],
});

async function say(from: typeof specialist, text: string): Promise<string> {
  const before = harness.telegram.sentTo(chat.id).length;
  harness.telegram.pushUpdate(message(chat, from, text, text.startsWith("/") ? command(text) : {}));
  await settled(harness);
  const replies = harness.telegram.sentTo(chat.id).slice(before);
  expect(replies).toHaveLength(1);
  return replies[0]!.text!;
}

async function joined(language: "en" | "es" | "ru" = "en") {
  harness = await startHarness();
  harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: language }, "administrator"));
  await settled(harness);
}

describe("the regulation of a chat", () => {
  it("shows the defaults before anyone changed them, in plain language", async () => {
    await joined();
    const rules = await say(client, "/rules");
    expect(rules).toContain("regbot's defaults");
    expect(rules).toContain("• Contact hours: Mon-Fri 10:00-19:00");
    expect(rules).toContain("• Response time: 2h");
    expect(rules).toContain("• Weekly report: Fri 17:00");
    expect(rules).toContain("• Escalation to the manager after the due time: off");
    expect(rules).toContain("Specialists: Sofía Marketing (@sofia_smm)");
    expect(rules).toContain("Authorised client contact: not named yet");
    // The key that signs this chat's exports, for both sides to compare with VERIFY.md.
    expect(rules).toMatch(/Exports of this chat are signed with the key whose SHA-256 fingerprint is [0-9a-f]{64};/);
  });

  it("lets a specialist change a setting, announces old and new value and who changed it, and logs it", async () => {
    await joined();
    const announcement = await say(specialist, "/set hours Mon-Fri 10-13, 14-19");
    expect(announcement).toBe(
      [
        "Sofía Marketing (@sofia_smm) changed the regulation (version 1):",
        "• Contact hours: Mon-Fri 10:00-19:00 → Mon-Fri 10:00-13:00,14:00-19:00",
        "The full regulation: /rules",
      ].join("\n"),
    );
    const [event] = harness.query<{ line: string }>("select line from events where kind = 'regulation'");
    expect(JSON.parse(event!.line).payload).toMatchObject({
      version: 1,
      changedBy: specialist.id,
      changes: [{ key: "hours" }],
    });
    expect(await say(client, "/rules")).toContain("version 1, in force since");
  });

  it("answers a bad value with what was wrong and a right example", async () => {
    await joined();
    expect(await say(specialist, "/set hours Mon-Fri 19:00-10:00")).toBe(
      'The hours "19:00-10:00" cross midnight, which is not supported. Split them across two days, for example: Mon-Fri 19:00-24:00; Tue-Sat 00:00-10:00',
    );
    expect(await say(specialist, "/set timezone Mars/Olympus")).toContain('I don\'t know the time zone "Mars/Olympus"');
    expect(await say(specialist, "/set colour blue")).toContain('There is no setting called "colour"');
    expect(await say(specialist, "/set")).toContain("Change one setting with /set <setting> <value>");
    expect(harness.query("select count(*) as n from regulation_versions")).toEqual([{ n: 0 }]);
  });

  it("refuses anyone but a specialist, saying who can", async () => {
    await joined();
    expect(await say(client, "/set response 30m")).toBe(
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    );
  });

  it("speaks the chat's new language from the announcement of the change on", async () => {
    await joined();
    expect(await say(specialist, "/set language es")).toContain("cambió el reglamento (versión 1)");
    expect(await say(client, "/rules")).toContain("• Horario de contacto");
    const menu = harness.telegram.commandsFor({ type: "chat", chat_id: chat.id });
    expect(menu?.find((command) => command.command === "rules")?.description).toBe(
      "El reglamento acordado de este chat",
    );
  });

  it("keeps every version, so the rules in force at a past instant can be read back", async () => {
    await joined();
    await say(specialist, "/set response 4h");
    const between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await say(specialist, "/set response 30m");
    const versions = harness.query<{ version: number; settings: string; in_force_from: number }>(
      "select version, settings, in_force_from from regulation_versions order by version",
    );
    expect(versions.map((row) => JSON.parse(row.settings).response)).toEqual([
      { unit: "minutes", minutes: 240 },
      { unit: "minutes", minutes: 30 },
    ]);
    expect(versions[0]!.in_force_from).toBeLessThanOrEqual(between);
    expect(versions[1]!.in_force_from).toBeGreaterThan(between);
    expect(DateTime.fromMillis(versions[1]!.in_force_from).isValid).toBe(true);
  });

  it("refuses a change that leaves no contact hours in the coming year, in the chat's language, and keeps the rules", async () => {
    const refusals = {
      en: "This would leave no contact hours in the coming 365 days",
      ru: "Тогда в ближайшие 365 дней не останется часов для связи",
      es: "Así no quedaría ninguna hora de contacto en los próximos 365 días",
    };
    for (const [language, refusal] of Object.entries(refusals) as Array<["en" | "ru" | "es", string]>) {
      await joined(language);
      expect(await say(specialist, "/set holidays 2026-01-01..9999-12-31")).toContain(refusal);
      expect(await say(specialist, "/set holidays 2000-01-01..2099-12-31")).toContain(refusal);
      expect(harness.query("select count(*) as n from regulation_versions")).toEqual([{ n: 0 }]);
      // Everything that counts business time still works.
      expect(await say(specialist, "/request Logo in vector form")).toMatch(/R1/);
      await harness.stop();
    }
    await joined();
    expect(await say(specialist, "/set holidays 2028-01-01..2028-12-31, 2029-01-05..2029-06-30")).toBe(
      "The holidays 2028-01-01..2029-06-30 last a year or more: while they run no answer or deadline could fall due, so nothing was changed. Keep holidays shorter than a year, for example: /set holidays 2026-12-24..2027-01-06",
    );
    expect(await say(specialist, "/set holidays 2026-12-24..2027-01-06, 2027-08-01..2027-08-31")).toContain(
      "changed the regulation (version 1)",
    );
  });

  it("answers a command clearly when a regulation stored before that check leaves no contact hours", async () => {
    await joined();
    await say(specialist, "/set response 4h");
    await harness.stopRegbot();
    const database = openDatabase(harness.databasePath);
    const { settings } = database.sqlite.prepare("select settings from regulation_versions").get() as {
      settings: string;
    };
    database.sqlite
      .prepare("update regulation_versions set settings = ?")
      .run(JSON.stringify({ ...JSON.parse(settings), holidays: [{ from: "2026-01-01", to: "9999-12-31" }] }));
    database.close();
    await harness.startRegbot();
    await settled(harness);
    const before = harness.telegram.sentTo(chat.id).length;
    // Dated after the stored version took force (Telegram dates in whole seconds), so it is the one in force.
    harness.telegram.pushUpdate(
      message(chat, specialist, "/request Logo in vector form", {
        ...command("/request"),
        date: Math.ceil(Date.now() / 1000) + 1,
      }),
    );
    await settled(harness);
    expect(
      harness.telegram
        .sentTo(chat.id)
        .slice(before)
        .map((sent) => sent.text),
    ).toEqual([
      "I could not work out a time for that: the regulation leaves no contact hours ahead. A specialist can fix it with /set hours or /set holidays (see /rules).",
    ]);
    expect(harness.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
    expect(await say(specialist, "/set holidays 2026-12-24..2027-01-06")).toContain(
      "changed the regulation (version 2)",
    );
    expect(await say(specialist, "/request Logo in vector form")).toMatch(/^R1: Logo in vector form/);
  });
});

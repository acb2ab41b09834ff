import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { pressFirstButton } from "../support/buttons.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, bystander, client, group, message, specialist } from "../support/updates.js";
import { readBundleZip } from "../support/zip-reader.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group();
const sofia: User = { ...specialist, language_code: "en" };
let now = 0;

async function write(from: User, text: string, extra: Record<string, unknown> = {}): Promise<Message[]> {
  const before = harness.telegram.sentTo(chat.id).length;
  const entities = text.startsWith("/")
    ? { entities: [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }] }
    : {};
  harness.telegram.pushUpdate(message(chat, from, text, { date: Math.floor(now / 1000), ...entities, ...extra }));
  await settled(harness, 15_000);
  return harness.telegram.sentTo(chat.id).slice(before);
}

async function inPrivate(from: User, text: string): Promise<string[]> {
  const before = harness.telegram.sentTo(from.id).length;
  harness.telegram.pushUpdate(
    message({ id: from.id, type: "private", first_name: from.first_name }, from, text, {
      entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }],
    }),
  );
  await settled(harness, 15_000);
  return harness.telegram
    .sentTo(from.id)
    .slice(before)
    .map((sent) => sent.text!);
}

/** Runs the export job and waits until its attempt has an outcome (the `outcomes`-th in all) and the group heard of it. */
async function exportRuns(outcomes = 1): Promise<void> {
  await harness.regbot.scheduler.tick();
  await harness.telegram.waitFor(
    () => exportEvents().filter((event) => event.event !== "export-requested").length >= outcomes,
    15_000,
  );
  await settled(harness, 15_000);
}

/** The chat with Sofía as specialist and Ivan as the client's contact, and a few messages between them. */
async function agencyChat(options: { uploadLimitBytes?: number } = {}): Promise<void> {
  now = Date.parse("2026-12-03T09:00:00Z");
  harness = await startHarness(
    {},
    { ...(options.uploadLimitBytes ? { maxUploadBytes: options.uploadLimitBytes } : {}) },
    { clock: () => now, ...options },
  );
  harness.telegram.pushUpdate(botAdded(chat, sofia, "administrator"));
  await settled(harness, 15_000);
  await write(sofia, "/client", { reply_to_message: { message_id: 1, date: 1, chat, from: client, text: "hi" } });
  await pressFirstButton(harness, harness.telegram.sentTo(chat.id).at(-1)!, client);
  await write(client, "Hola, ¿cuándo lanzamos la campaña?");
  now += 3_600_000;
  await write(sofia, "The ads go live on Monday.");
}

/** Unpacks a bundle's bytes and runs its own verify.mjs on it. */
function verifyBundle(zip: Buffer): { status: number | null; stdout: string; folder: string } {
  const folder = mkdtempSync(join(tmpdir(), "regbot-received-"));
  writeFileSync(join(folder, "bundle.zip"), zip);
  const unpacked = join(folder, "bundle");
  mkdirSync(unpacked);
  for (const [name, bytes] of readBundleZip(join(folder, "bundle.zip"))) writeFileSync(join(unpacked, name), bytes);
  const result = spawnSync(process.execPath, [join(unpacked, "verify.mjs")], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, folder: unpacked };
}

function fileInZip(zip: Buffer, name: string): string {
  const folder = mkdtempSync(join(tmpdir(), "regbot-received-"));
  writeFileSync(join(folder, "bundle.zip"), zip);
  return readBundleZip(join(folder, "bundle.zip")).get(name)!.toString("utf8");
}

function exportEvents(): Array<Record<string, unknown>> {
  return harness
    .query<{ line: string }>("select line from events where kind = 'action' order by seq")
    .map((row) => JSON.parse(row.line).payload)
    .filter((payload) => String(payload.event).startsWith("export-"));
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

// Each test writes bundles in worker threads and checks them in child processes: slow on a loaded machine.
describe("/export", { timeout: 60_000 }, () => {
  it("sends the specialist the bundle privately, says so in the group, and the bundle verifies", async () => {
    await agencyChat();
    harness.telegram.userStartedBot(sofia.id);
    expect(await write(sofia, "/export")).toEqual([]);
    await exportRuns();

    const [document] = harness.telegram.documents;
    expect(document!.message.chat.id).toBe(sofia.id);
    expect(document!.message.document?.file_name).toBe("acme-sofía-until-2026-12-03.zip");
    expect(harness.telegram.sentTo(sofia.id).map((sent) => sent.text ?? "(document)")).toEqual([
      "Preparing the export of «Acme × Sofía», the whole history. A long history takes a minute or two.",
      "(document)",
    ]);
    const verified = verifyBundle(document!.bytes);
    expect(verified.stdout).toContain("bundle verified");
    expect(verified.status).toBe(0);

    const manifest = JSON.parse(fileInZip(document!.bytes, "manifest.json"));
    expect(document!.message.caption).toContain(`Merkle root ${manifest.merkle.root}.`);
    expect(document!.message.caption).toContain(`SHA-256 of this file: ${sha256(document!.bytes)}`);
    expect(fileInZip(document!.bytes, "events.jsonl")).toContain("The ads go live on Monday.");
    // The request itself is in the bundle: who asked, for which period.
    expect(fileInZip(document!.bytes, "events.jsonl")).toContain('"event":"export-requested"');

    const told = harness.telegram.sentTo(chat.id).at(-1)!;
    expect(told.text).toBe(
      "Sofía Marketing (@sofia_smm) has the export of this chat (the whole history) in their private chat with me.",
    );
    expect(told.reply_to_message?.text).toBe("/export");
    expect(exportEvents()).toMatchObject([
      { event: "export-requested", by: sofia.id, role: "specialist", period: null },
      {
        event: "export-sent",
        for: sofia.id,
        period: null,
        parts: 1,
        sha256: sha256(document!.bytes),
        eventCount: manifest.eventCount,
        merkleRoot: manifest.merkle.root,
      },
    ]);
  });

  it("exports a period for the client's contact, in their language", async () => {
    await agencyChat();
    harness.telegram.userStartedBot(client.id);
    now = Date.parse("2026-12-05T10:00:00Z");
    await write(client, "Gracias.");
    await write(client, "/export 2026-12-05..2026-12-05");
    await exportRuns();

    const [document] = harness.telegram.documents;
    expect(document!.message.chat.id).toBe(client.id);
    expect(document!.message.caption).toMatch(
      /^Выгрузка чата «Acme × Sofía», с 2026-12-05 по 2026-12-05 \(даты по UTC\): \d+ событи(е|я|й),/,
    );
    expect(verifyBundle(document!.bytes).status).toBe(0);
    const manifest = JSON.parse(fileInZip(document!.bytes, "manifest.json"));
    expect(manifest.period).toEqual({
      from: "2026-12-05T00:00:00.000Z",
      to: "2026-12-06T00:00:00.000Z",
      dates: "2026-12-05 to 2026-12-05",
      timezone: "UTC",
    });
    const events = fileInZip(document!.bytes, "events.jsonl");
    expect(events).toContain("Gracias.");
    expect(events).not.toContain("The ads go live on Monday.");
    expect(exportEvents().at(-1)).toMatchObject({
      event: "export-sent",
      for: client.id,
      period: { from: "2026-12-05", to: "2026-12-05" },
    });
  });

  it("refuses anyone else, and reads a bad period back with an example", async () => {
    await agencyChat();
    expect((await write(bystander, "/export")).map((sent) => sent.text)).toEqual([
      "Only a specialist, the manager or the client's authorised contact can export this chat's record.",
    ]);
    const anonymousAdmin = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
    expect((await write(anonymousAdmin, "/export", { sender_chat: chat })).map((sent) => sent.text)).toEqual([
      'You are writing as an anonymous administrator, so I cannot tell who you are. Turn off "Remain anonymous" in your administrator rights and send the command again.',
    ]);
    expect((await write(sofia, "/export November")).map((sent) => sent.text)).toEqual([
      'I couldn\'t read the period "November". Give two dates, the first day and the last, for example: /export 2026-11-01..2026-11-30 (or just /export for the whole history).',
    ]);
    expect((await write(sofia, "/export 2026-11-01..2026-11-31")).map((sent) => sent.text)).toEqual([
      "2026-11-31 is not a date in the calendar. Give two dates, for example: /export 2026-11-01..2026-11-30",
    ]);
    expect((await write(sofia, "/export 2026-11-30..2026-11-01")).map((sent) => sent.text)).toEqual([
      "The period ends (2026-11-01) before it starts (2026-11-30). Give the first day first, for example: /export 2026-11-01..2026-11-30",
    ]);
    await harness.regbot.scheduler.tick();
    expect(harness.query("select * from jobs where kind = 'export'")).toEqual([]);
    expect(exportEvents()).toEqual([]);
  });

  it("gives someone who never started regbot a link, and sends the bundle once they open it", async () => {
    await agencyChat();
    const asked = await write(sofia, "/export");
    await exportRuns();
    const link = harness.telegram.sentTo(chat.id).at(-1)!;
    const updateId = harness
      .query<{ payload: string }>("select payload from jobs where kind = 'export'")
      .map((job) => JSON.parse(job.payload).updateId)[0];
    const chatId = harness.query<{ id: number }>("select id from chats")[0]!.id;
    const url = `https://t.me/regbot_test_bot?start=export-${chatId}-${updateId}`;
    expect(asked).toEqual([]);
    expect(link.text).toBe(
      `Sofía Marketing (@sofia_smm), I can only send you the export (the whole history) in a private chat, and you haven't started one with me yet. Open ${url} and press Start: the export follows there.`,
    );
    expect(link.reply_markup?.inline_keyboard).toEqual([[{ text: "Receive the export privately", url }]]);
    expect(harness.telegram.documents).toEqual([]);

    expect(await inPrivate(client, `/start export-${chatId}-${updateId}`)).toEqual([
      "Эта ссылка — для того, кто запросил выгрузку. Запросите свою командой /export в группе.",
    ]);
    expect(await inPrivate(sofia, `/start export-${chatId}-${updateId + 1}`)).toEqual([
      "I don't know this export link. Ask for the export again with /export in the group.",
    ]);
    expect(await inPrivate(sofia, `/start export-${chatId}-${updateId}`)).toEqual([
      "Thank you! Preparing the export of «Acme × Sofía», the whole history: it follows here.",
    ]);
    await exportRuns(2);
    expect(harness.telegram.documents[0]!.message.chat.id).toBe(sofia.id);
    expect(verifyBundle(harness.telegram.documents[0]!.bytes).status).toBe(0);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe(
      "Sofía Marketing (@sofia_smm) has the export of this chat (the whole history) in their private chat with me.",
    );
    expect(await inPrivate(sofia, `/start export-${chatId}-${updateId}`)).toEqual([
      "This link has been used already: the export is above. To get a new one, send /export in the group.",
    ]);
    expect(exportEvents().map((event) => event.event)).toEqual([
      "export-requested",
      "export-awaiting-start",
      "export-sent",
    ]);
  });

  it("cuts a bundle past the upload limit into parts that join back into a bundle that verifies", async () => {
    await agencyChat({ uploadLimitBytes: 8_192 });
    harness.telegram.userStartedBot(sofia.id);
    await write(sofia, "/export");
    await exportRuns();

    const parts = harness.telegram.documents;
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.bytes.length <= 8_192)).toBe(true);
    expect(parts.map((part) => part.message.document?.file_name)).toEqual(
      parts.map((_, index) => `acme-sofía-until-2026-12-03.zip.${String(index + 1).padStart(3, "0")}`),
    );
    expect(parts[0]!.message.caption).toBe(
      `Part 1 of ${parts.length} of the export of «Acme × Sofía», the whole history.`,
    );
    const joined = Buffer.concat(parts.map((part) => part.bytes));
    expect(verifyBundle(joined).status).toBe(0);
    const instructions = harness.telegram.sentTo(sofia.id).at(-1)!.text!;
    expect(instructions).toContain(
      `cat ${parts.map((part) => part.message.document!.file_name).join(" ")} > acme-sofía-until-2026-12-03.zip`,
    );
    expect(instructions).toContain(`SHA-256 of the joined file: ${sha256(joined)}`);
    expect(exportEvents().at(-1)).toMatchObject({ event: "export-sent", parts: parts.length, bytes: joined.length });
  });

  it("points to a shorter period or the command line when even parts would be too many", async () => {
    await agencyChat({ uploadLimitBytes: 200 });
    harness.telegram.userStartedBot(sofia.id);
    await write(sofia, "/export 2026-12-01..2026-12-31");
    await exportRuns();
    const chatId = harness.query<{ id: number }>("select id from chats")[0]!.id;
    const advice = harness.telegram.sentTo(sofia.id).at(-1)!.text!;
    expect(advice).toMatch(
      /^The export of «Acme × Sofía», 2026-12-01 to 2026-12-31 \(dates in UTC\) is [\d.]+ MB: too large to send through Telegram, even in 20 parts\./,
    );
    expect(advice).toContain(
      `npm run export -- --chat=${chatId} --from 2026-12-01 --to 2026-12-31 --out acme-sofía-2026-12-01..2026-12-31.zip`,
    );
    expect(harness.telegram.documents).toEqual([]);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toMatch(
      /^The export of this chat \(2026-12-01 to 2026-12-31 \(dates in UTC\)\) is [\d.]+ MB, too large to send through Telegram; Sofía Marketing/,
    );
    expect(exportEvents().at(-1)).toMatchObject({ event: "export-too-large", parts: 0 });
  });

  it("tries three times, then tells the person and the group it failed", async () => {
    await agencyChat();
    harness.telegram.userStartedBot(sofia.id);
    // The connection breaks under every upload (a 5xx would be retried after a pause first).
    harness.telegram.failNext("sendDocument", { kind: "reset-before" }, 3);
    await write(sofia, "/export");
    for (const failures of [1, 2]) {
      await harness.regbot.scheduler.tick();
      await harness.telegram.waitFor(
        () => harness.logs.filter((line) => line.includes("an export failed")).length === failures,
        15_000,
      );
      now += 60_000;
    }
    await exportRuns();
    expect(harness.telegram.documents).toEqual([]);
    expect(harness.telegram.sentTo(sofia.id).map((sent) => sent.text)).toEqual([
      "Preparing the export of «Acme × Sofía», the whole history. A long history takes a minute or two.",
    ]);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe(
      "Sorry, Sofía Marketing (@sofia_smm): I couldn't make the export (the whole history). Please ask again with /export later; if it keeps failing, the operator of this regbot can make it from the command line.",
    );
    expect(exportEvents().at(-1)).toMatchObject({
      event: "export-failed",
      reason: expect.stringContaining("sendDocument"),
    });
  });

  it("sends nothing to someone who lost their role before the export was made", async () => {
    await agencyChat();
    harness.telegram.userStartedBot(client.id);
    await write(client, "/export");
    await write(bystander, "I am the new contact");
    await write(sofia, "/client", {
      reply_to_message: { message_id: 2, date: 1, chat, from: bystander, text: "I am the new contact" },
    });
    await pressFirstButton(harness, harness.telegram.sentTo(chat.id).at(-1)!, bystander);
    await exportRuns();
    expect(harness.telegram.documents).toEqual([]);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe(
      "Ivan is no longer a specialist or the client's contact here, so the export they asked for (the whole history) was not sent.",
    );
    expect(exportEvents().at(-1)).toMatchObject({ event: "export-refused", for: client.id });
  });

  it("keeps a request across a restart, and neither an edited command nor a second tick asks again", async () => {
    await agencyChat();
    harness.telegram.userStartedBot(sofia.id);
    const command = message(chat, sofia, "/export", {
      date: Math.floor(now / 1000),
      entities: [{ type: "bot_command", offset: 0, length: 7 }],
    });
    harness.telegram.pushUpdate(command);
    await settled(harness, 15_000);
    harness.telegram.pushUpdate({
      edited_message: {
        ...command.message!,
        text: "/export 2026-12-01..2026-12-02",
        edit_date: Math.floor(now / 1000) + 5,
      } as never,
    });
    await settled(harness, 15_000);
    await harness.restart();
    await exportRuns();
    now += 120_000;
    await harness.regbot.scheduler.tick();
    await settled(harness, 15_000);
    expect(harness.telegram.documents).toHaveLength(1);
    expect(exportEvents().map((event) => event.event)).toEqual(["export-requested", "export-sent"]);
    expect(harness.query("select state from jobs where kind = 'export'")).toEqual([{ state: "done" }]);
  });
});

import Database from "better-sqlite3";
import type { ChatMember, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { pressFirstButton } from "../support/buttons.js";
import { clientGroup, commandEntities } from "../support/client-group.js";
import { startFakeTranscriptionServer, type FakeTranscriptionServer } from "../support/fake-transcription-server.js";
import { settled } from "../support/harness.js";
import { BOT_ID, client, group, message, specialist } from "../support/updates.js";

const chat = group();
const scenario = clientGroup(chat, "Europe/Madrid");
let engine: FakeTranscriptionServer | undefined;
afterEach(async () => {
  await scenario.harness?.stop().catch(() => undefined);
  await engine?.close();
  engine = undefined;
});

const marta: User = { id: 901, is_bot: false, first_name: "Marta", username: "marta_lead", language_code: "en" };
const bot: User = { id: BOT_ID, is_bot: true, first_name: "regbot", username: "regbot_test_bot" };
const replyTo = (from: User) => ({ reply_to_message: { message_id: 1, date: 1, chat, from, text: "hi" } });

function restricted(canSendMessages: boolean): ChatMember {
  const rights = { can_send_messages: canSendMessages, can_send_other_messages: canSendMessages };
  return { status: "restricted", user: bot, is_member: true, until_date: 0, ...rights } as ChatMember;
}

/** The diagnosis' lines, without its title. */
function linesOf(diagnosis: string | undefined): string[] {
  expect(diagnosis).toMatch(/^Setup check of "Acme × Sofía":\n\n/);
  return diagnosis!.split("\n\n").slice(1);
}

async function inPrivate(user: User, text: string): Promise<string[]> {
  const before = scenario.harness.telegram.sentTo(user.id).length;
  scenario.harness.telegram.pushUpdate(
    message({ id: user.id, type: "private", first_name: user.first_name }, user, text, commandEntities(text)),
  );
  await settled(scenario.harness);
  return scenario.harness.telegram
    .sentTo(user.id)
    .slice(before)
    .map((sent) => sent.text!);
}

describe("/diagnose", () => {
  it("says every check is fine in a chat set up deliberately, and lets the manager read it", async () => {
    engine = await startFakeTranscriptionServer();
    await scenario.open("2026-12-02T09:00", { TRANSCRIBE_URL: engine.url });
    // The deployment's zone and regbot's hours, confirmed as they are: chosen now, not defaults.
    expect(await scenario.write(specialist, "/set timezone Europe/Madrid")).toEqual([
      "Sofía Marketing (@sofia_smm) confirmed the regulation as it is (version 2):\n• Time zone: Europe/Madrid (kept)\nThe full regulation: /rules",
    ]);
    expect(await scenario.write(specialist, "/set timezone Europe/Madrid")).toEqual([
      "Time zone is already Europe/Madrid: nothing changed.",
    ]);
    await scenario.write(specialist, "/set hours Mon-Fri 10:00-19:00");
    await scenario.write(specialist, "/set transcribe on");

    const [diagnosis] = await scenario.write(specialist, "/diagnose");
    expect(linesOf(diagnosis)).toEqual([
      "✅ I see every message: I am an administrator here.",
      "✅ I can post here.",
      "✅ The client's contact is Ivan, confirmed.",
      "✅ Contact hours: Mon-Fri 10:00-19:00, chosen in this chat.",
      "✅ Time zone: Europe/Madrid, chosen in this chat.",
      "✅ Weekly report: off, chosen in this chat.",
      "✅ Transcription is on, and the engine answers.",
      "✅ Checkpoints are posted: the last one Wed 2 Dec, 09:00.",
    ]);
    expect(engine.received).toEqual([]);

    // Privacy mode off works as well as administrator rights.
    scenario.harness.telegram.setChatMember(chat.id, { status: "member", user: bot });
    scenario.harness.telegram.setPrivacyMode(false);
    expect(linesOf((await scenario.write(specialist, "/diagnose"))[0]).slice(0, 2)).toEqual([
      "✅ I see every message: my privacy mode is off.",
      "✅ I can post here.",
    ]);

    await inPrivate(marta, "/start");
    await scenario.write(marta, "Hello everyone");
    await scenario.write(specialist, "/manager", replyTo(marta));
    await pressFirstButton(scenario.harness, scenario.lastSent(), marta);
    expect(linesOf((await scenario.write(marta, "/diagnose"))[0])).toHaveLength(8);
    expect(await scenario.write(client, "/diagnose")).toEqual([
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    ]);
  });

  it("says what to do about each check that fails, privately when regbot may not post in the group", async () => {
    engine = await startFakeTranscriptionServer();
    await scenario.open("2026-12-02T09:00", { TRANSCRIBE_URL: engine.url });
    await scenario.write(specialist, "/set transcribe on");
    await inPrivate(specialist, "/start");
    await scenario.write(specialist, "/unassign", replyTo(client));
    const [noContact] = await scenario.write(specialist, "/diagnose");
    expect(linesOf(noContact)[2]).toBe(
      "⚠️ No client contact is named, so no answer time is measured. Fix: /client as a reply to the contact's message, or /client @username.",
    );
    await scenario.write(specialist, "/client", replyTo(client));

    scenario.harness.telegram.setChatMember(chat.id, { status: "member", user: bot });
    scenario.harness.telegram.setChat({ ...chat, permissions: { can_send_messages: false } });
    engine.failWith(503);
    await scenario.write(client, "/checkpoint");
    const inGroupBefore = scenario.harness.telegram.sentTo(chat.id).length;
    scenario.harness.telegram.pushUpdate(scenario.said(specialist, "/diagnose"));
    await settled(scenario.harness);
    const diagnosis = scenario.harness.telegram.sentTo(specialist.id).at(-1)!.text;
    expect(scenario.harness.telegram.sentTo(chat.id)).toHaveLength(inGroupBefore);
    expect(linesOf(diagnosis)).toEqual([
      "⚠️ I see only commands and replies to me, so the record misses messages. Fix: make me an administrator of this group (no rights needed), or turn my privacy mode off in @BotFather (/setprivacy → Disable) and add me again.",
      "⚠️ I may not send messages here, so nobody sees reminders, warnings or checkpoints. Fix: let me send messages (group settings → Permissions, or my exceptions there), or make me an administrator.",
      "⚠️ The client's contact is named but has not confirmed yet. Fix: ask them to press the button under the nomination, or name them again with /client.",
      "⚠️ Contact hours: Mon-Fri 10:00-19:00 is regbot's default, never chosen. Fix: /set hours Mon-Fri 09:00-18:00 (your hours), or /setup.",
      "⚠️ Time zone: Europe/Madrid is this deployment's default, never chosen. Fix: /set timezone Europe/Madrid (your zone), or /setup.",
      "✅ Weekly report: off, chosen in this chat.",
      "⚠️ Transcription is on, but the engine does not answer, so voice messages wait for a text by hand. Fix: tell the deployment's administrator; meanwhile /set transcribe off.",
      "⚠️ The last checkpoint (Wed 2 Dec, 09:00) could not be posted. Fix: make sure I may post here, then send /checkpoint.",
    ]);

    // An administrator's restriction of regbot counts the same; lifted, regbot posts again.
    scenario.harness.telegram.setChat({ ...chat, permissions: { can_send_messages: true } });
    scenario.harness.telegram.setChatMember(chat.id, restricted(false));
    scenario.harness.telegram.pushUpdate(scenario.said(specialist, "/diagnose"));
    await settled(scenario.harness);
    expect(linesOf(scenario.harness.telegram.sentTo(specialist.id).at(-1)!.text)[1]).toMatch(/^⚠️ I may not send/);
    scenario.harness.telegram.setChatMember(chat.id, restricted(true));
    await scenario.write(client, "/checkpoint");
    expect(linesOf((await scenario.write(specialist, "/diagnose"))[0]).at(-1)).toBe(
      "✅ Checkpoints are posted: the last one Wed 2 Dec, 09:00.",
    );
  });

  it("says when the transcription engine is down, and when the deployment has none any more", async () => {
    engine = await startFakeTranscriptionServer();
    await scenario.open("2026-12-02T09:00", { TRANSCRIBE_URL: engine.url });
    await scenario.write(specialist, "/set transcribe on");
    // The seventh line after the title, in whatever language the chat speaks.
    const transcriptionLine = async () => (await scenario.write(specialist, "/diagnose"))[0]!.split("\n\n")[7];

    // The engine's server is gone: the probe's connection is refused.
    await engine.close();
    engine = undefined;
    expect(await transcriptionLine()).toBe(
      "⚠️ Transcription is on, but the engine does not answer, so voice messages wait for a text by hand. Fix: tell the deployment's administrator; meanwhile /set transcribe off.",
    );

    // Restarted without TRANSCRIBE_URL, the chat's setting stays on with nothing to answer it.
    await scenario.harness.stopRegbot();
    await scenario.harness.startRegbot({ TRANSCRIBE_URL: "" });
    expect(await transcriptionLine()).toBe(
      "⚠️ Transcription is on, but this deployment has no transcription engine. Fix: /set transcribe off, or ask the deployment's administrator to set TRANSCRIBE_URL.",
    );
    await scenario.write(specialist, "/set language ru");
    expect(await transcriptionLine()).toBe(
      "⚠️ Расшифровка включена, но у этой установки нет сервиса расшифровки. Как исправить: /set transcribe выкл или попросите администратора установки задать TRANSCRIBE_URL.",
    );
    await scenario.write(specialist, "/set transcribe выкл");
    expect(await transcriptionLine()).toBe("✅ Расшифровка голосовых сообщений выключена.");
  });

  it("says where a forum group's reminders go, and when daily checkpoints stopped", async () => {
    const forum = clientGroup({ ...group(-1009876543210, "Acme × Sofía"), is_forum: true }, "Europe/Madrid");
    await forum.open("2026-12-02T09:00");
    expect(linesOf((await forum.write(specialist, "/diagnose"))[0])[1]).toBe(
      "✅ I can post here; reminders and reports go to the General topic. For another topic: /set topic <its thread id>.",
    );
    await forum.write(specialist, "/set topic 42");
    // The daily job failed for good while regbot runs (a restart would schedule it again).
    const database = new Database(forum.harness.databasePath);
    database.prepare("update jobs set state = 'failed' where kind = 'daily-checkpoint'").run();
    database.close();
    const lines = linesOf((await forum.write(specialist, "/diagnose"))[0]);
    expect(lines[1]).toBe("✅ I can post here; reminders and reports go to topic 42.");
    expect(lines.at(-1)).toBe(
      "⚠️ Daily checkpoints are not scheduled. Fix: /checkpoint posts one now; tell the deployment's administrator (a restart schedules them again).",
    );
    // In the chat's language.
    await forum.write(specialist, "/set language es");
    const [spanish] = await forum.write(specialist, "/diagnose");
    expect(spanish).toContain("✅ Puedo escribir aquí; los recordatorios y los informes van al tema 42.");
    await forum.harness.stop();
  });
});

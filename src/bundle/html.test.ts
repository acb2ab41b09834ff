import { describe, expect, it } from "vitest";
import { BundleViews, type BundleFacts } from "./views.mjs";

/** messages.html as an exhibit: every kind of message readable, every record in words. */
const CHAT = { id: -1001234567890, type: "supergroup", title: "Acme × Sofía" };
const FACTS: BundleFacts = {
  chat: { id: 1, telegramChatId: CHAT.id, type: "supergroup", title: CHAT.title },
  period: {
    from: "2026-11-01T00:00:00.000Z",
    to: "2026-12-01T00:00:00.000Z",
    dates: "2026-11-01 to 2026-11-30",
    timezone: "Europe/Madrid",
  },
  createdAt: "2026-12-01T09:00:00.000Z",
  defaultTimezone: "Europe/Madrid",
};
const BORIS = { id: 601, is_bot: false, first_name: "Boris", last_name: "Petrov" };
const SOFIA = { id: 501, is_bot: false, first_name: "Sofía" };
const DATE = 1_795_000_000; // 2026-11-18T11:06:40Z, 12:06:40 in Madrid

let seq = 0;
const line = (kind: string, payload: unknown, at = DATE) => {
  seq += 1;
  return JSON.stringify({
    at: new Date(at * 1000).toISOString(),
    chat: 1,
    kind,
    payload,
    prev: "0".repeat(64),
    seq,
    source: `test:${seq}`,
    v: 1,
  });
};
const said = (message: Record<string, unknown>, from: object = BORIS, id = 100) =>
  line("message", { update_id: seq, message: { message_id: id, date: DATE, chat: CHAT, from, ...message } });

function html(...lines: string[]): string {
  const views = new BundleViews(FACTS);
  for (const one of lines) views.prepare(one);
  let text = views.start().html;
  for (const one of lines) text += views.render(one).html;
  return text + views.finish("ab".repeat(32)).html;
}

describe("messages.html", () => {
  it("shows each message's time in the chat's zone, with the zone's name", () => {
    expect(html(said({ text: "Hola" }))).toContain("2026-11-18 12:06:40 UTC+01:00 (Europe/Madrid)");
  });

  it("follows the regulation's zone from the moment it changes", () => {
    const regulation = line("regulation", {
      version: 2,
      changedBy: 501,
      changes: [{ key: "timezone", old: "Europe/Madrid", new: "America/New_York" }],
      regulation: { timezone: "America/New_York" },
    });
    const page = html(said({ text: "before" }, SOFIA, 100), regulation, said({ text: "after" }, BORIS, 101));
    expect(page).toContain("2026-11-18 12:06:40 UTC+01:00 (Europe/Madrid)");
    expect(page).toContain("2026-11-18 06:06:40 UTC-05:00 (America/New_York)");
    expect(page).toContain(
      "The regulation&#39;s version 2 is in force, changed by Sofía (timezone: Europe/Madrid → America/New_York).",
    );
  });

  it("shows a location, a venue, a contact and a poll with their content", () => {
    expect(html(said({ location: { latitude: 40.4168, longitude: -3.7038 } }))).toContain("Location: 40.4168, -3.7038");
    expect(
      html(
        said({
          venue: {
            location: { latitude: 40.4, longitude: -3.7 },
            title: "Café Central",
            address: "Plaza del Ángel 10",
          },
        }),
      ),
    ).toContain("Venue: Café Central, Plaza del Ángel 10 (40.4, -3.7");
    expect(html(said({ contact: { phone_number: "+34600000000", first_name: "Ana", last_name: "Gil" } }))).toContain(
      "Contact: Ana Gil, +34600000000",
    );
    const poll = html(
      said({
        poll: {
          id: "1",
          question: "Which banner?",
          options: [
            { text: "Blue", voter_count: 2 },
            { text: "Red", voter_count: 1 },
          ],
          total_voter_count: 3,
          is_closed: false,
        },
      }),
    );
    expect(poll).toContain("Poll: Which banner?<ol><li>Blue — 2 vote(s)</li><li>Red — 1 vote(s)</li></ol>");
  });

  it("shows files by kind and name, and says they are not included", () => {
    expect(html(said({ voice: { file_id: "v", file_unique_id: "vu", duration: 42 } }))).toContain(
      "[voice message, 42 s; file not included]",
    );
    expect(
      html(said({ document: { file_id: "d", file_unique_id: "du", file_name: "brief.pdf" }, caption: "The brief" })),
    ).toMatch(/\[file: brief\.pdf; file not included\][\s\S]*The brief/);
    expect(
      html(said({ sticker: { file_id: "s", file_unique_id: "su", emoji: "👍", width: 512, height: 512 } })),
    ).toContain("[sticker 👍; file not included]");
    expect(
      html(
        said({
          audio: { file_id: "a", file_unique_id: "au", duration: 200, performer: "Rosalía", title: "Malamente" },
        }),
      ),
    ).toContain("[audio “Rosalía – Malamente”, 200 s; file not included]");
    expect(html(said({ photo: [{ file_id: "p", file_unique_id: "pu", width: 1280, height: 960 }] }))).toContain(
      "[photo 1280×960; file not included]",
    );
  });

  it("keeps a text link's target beside it, and never links a script", () => {
    const page = html(
      said({
        text: "see the brief and this",
        entities: [
          { type: "text_link", offset: 8, length: 5, url: "https://docs.example/brief" },
          { type: "text_link", offset: 18, length: 4, url: "javascript:alert(1)" },
        ],
      }),
    );
    expect(page).toContain(
      'see the <a href="https://docs.example/brief">brief</a> <span class="href">(https://docs.example/brief)</span>',
    );
    expect(page).toContain('this <span class="href">(javascript:alert(1))</span>');
    expect(page).not.toContain('href="javascript');
  });

  it("says who joined and who left, in words", () => {
    expect(
      html(
        line("service", {
          update_id: 1,
          message: { message_id: 7, date: DATE, chat: CHAT, from: SOFIA, new_chat_members: [BORIS] },
        }),
      ),
    ).toContain("Sofía added Boris Petrov");
    expect(
      html(
        line("service", {
          update_id: 1,
          message: { message_id: 8, date: DATE, chat: CHAT, from: BORIS, left_chat_member: BORIS },
        }),
      ),
    ).toContain("Boris Petrov left the chat");
    const joined = line("member", {
      update_id: 2,
      chat_member: {
        chat: CHAT,
        from: BORIS,
        date: DATE,
        old_chat_member: { status: "left", user: BORIS },
        new_chat_member: { status: "member", user: BORIS },
      },
    });
    expect(html(joined)).toContain("Boris Petrov joined the chat.");
  });

  it("shows a reaction on its message, with the emoji, the person and the time", () => {
    const reaction = line("reaction", {
      update_id: 3,
      message_reaction: {
        chat: CHAT,
        message_id: 100,
        user: BORIS,
        date: DATE + 120,
        old_reaction: [],
        new_reaction: [{ type: "emoji", emoji: "👍" }],
      },
    });
    const page = html(said({ text: "Banner ready" }, SOFIA, 100), reaction);
    expect(page).toContain('<div class="reactions">👍 Boris Petrov, 12:08</div>');
    expect(page).toContain("Boris Petrov reacted 👍 to message #100.");
  });

  it("states regbot's own records in words", () => {
    const page = html(
      said({ text: "hi" }, SOFIA),
      said({ text: "hello" }, BORIS, 101),
      line("roles", { action: "grant", role: "specialist", userId: 501, by: null }),
      line("window", { event: "opened", windowId: 3, dueAt: "2026-11-18T13:06:40.000Z", regulationVersion: 1 }),
      line("window", { event: "warned", windowId: 3, dueAt: "2026-11-18T13:06:40.000Z", specialists: [501] }),
      line("window", { event: "escalated", windowId: 3, dueAt: "2026-11-18T13:06:40.000Z", managers: [601] }),
      line("window", { event: "answered", windowId: 3, businessMinutes: 12, onTime: true }),
      line("obligation", {
        event: "created",
        kind: "request",
        number: 2,
        description: "Access to the ad account",
        dueAt: "2026-11-20T17:00:00.000Z",
        by: 501,
      }),
      line("obligation", {
        event: "lapsed",
        kind: "pause",
        number: 1,
        description: "We both need a day",
        dueAt: "2026-11-19T13:06:40.000Z",
        by: null,
        lapsedAt: "2026-11-18T11:00:00.000Z",
      }),
      line("lifecycle", {
        event: "start",
        run: 4,
        previousRun: {
          id: 3,
          startedAt: "2026-11-17T08:00:00.000Z",
          lastSeenAt: "2026-11-18T10:00:00.000Z",
          stoppedCleanly: false,
        },
      }),
      line("coverage", {
        complete: true,
        reason: "reads_all_messages",
        absent: { from: (DATE - 7200) * 1000, to: DATE * 1000 },
      }),
      line("checkpoint", { size: 10, root: "cd".repeat(32) }),
    );
    expect(page).toContain("Sofía is now the specialist.");
    expect(page).toContain(
      "A reply is owed: response window 3 opened, due 2026-11-18 14:06:40 UTC+01:00 (Europe/Madrid).",
    );
    expect(page).toContain(
      "regbot warned Sofía that response window 3 is due 2026-11-18 14:06:40 UTC+01:00 (Europe/Madrid).",
    );
    expect(page).toContain(
      "Response window 3 was still unanswered past its due time (2026-11-18 14:06:40 UTC+01:00 (Europe/Madrid)): regbot told Boris Petrov, the manager.",
    );
    expect(page).toContain("Response window 3 was answered after 12 business minutes, on time.");
    expect(page).toContain(
      "request 2 “Access to the ad account”: created by Sofía; due 2026-11-20 18:00:00 UTC+01:00 (Europe/Madrid).",
    );
    expect(page).toContain(
      "pause 1 “We both need a day”: the proposal lapsed unanswered at 2026-11-18 12:00:00 UTC+01:00 (Europe/Madrid) and stopped no clock.",
    );
    expect(page).toContain(
      "regbot started (run 4); the run before it was last seen at 2026-11-18 11:00:00 UTC+01:00 (Europe/Madrid) and did not stop cleanly.",
    );
    expect(page).toContain(
      "regbot now sees every message; it had been removed from the chat from 2026-11-18 10:06:40 UTC+01:00 (Europe/Madrid) to 2026-11-18 12:06:40 UTC+01:00 (Europe/Madrid)",
    );
    expect(page).toContain(`Checkpoint: the log had 10 events, Merkle root ${"cd".repeat(32)}.`);
    expect(page).not.toContain("regbot recorded:");
  });

  it("prints on A4 with the chat, the period and the Merkle root on every page", () => {
    const page = html(said({ text: "hi" }));
    expect(page).toContain("@page { size: A4;");
    expect(page).toContain(
      `<div class="exhibit-header">Acme × Sofía · 2026-11-01 to 2026-11-30 (Europe/Madrid dates) · Merkle root ${"ab".repeat(32)}</div>`,
    );
    expect(page).toMatch(/@media print \{[\s\S]*\.exhibit-header \{ display: block; position: fixed;/);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BundleViews, type BundleFacts } from "../../src/bundle/views.mjs";

/**
 * A Telegram Desktop export's shapes (fixtures/desktop-result.json: Desktop's key order, value
 * types and formatting of each kind, as its writer export_output_json.cpp produces them) against
 * what regbot derives from the Bot API's updates for the same messages, field by field. regbot's
 * own additions are the x_ keys, which Desktop's readers ignore.
 */
const desktop = JSON.parse(readFileSync(new URL("./fixtures/desktop-result.json", import.meta.url), "utf8"));
const CHAT = { id: -1001234567890, type: "supergroup", title: "Acme × Sofía" };
const FACTS: BundleFacts = {
  chat: { id: 1, telegramChatId: CHAT.id, type: "supergroup", title: CHAT.title },
  period: null,
  createdAt: "2026-11-30T00:00:00.000Z",
  defaultTimezone: "Europe/Madrid",
};
const BORIS = { id: 601, is_bot: false, first_name: "Boris", last_name: "Petrov" };
const SOFIA = { id: 501, is_bot: false, first_name: "Sofía" };
const REGBOT = { id: 7000001, is_bot: true, first_name: "regbot", username: "regbot_bot" };
const DATE = 1_795_000_000;

let seq = 0;
const line = (kind: string, payload: unknown) => {
  seq += 1;
  return JSON.stringify({
    at: new Date(DATE * 1000).toISOString(),
    chat: 1,
    kind,
    payload,
    prev: "0".repeat(64),
    seq,
    source: `fixture:${seq}`,
    v: 1,
  });
};
const message = (id: number, fields: Record<string, unknown>, from: object = BORIS, kind = "message") =>
  line(kind, { update_id: id, message: { message_id: id, date: DATE, chat: CHAT, from, ...fields } });

/** The same messages as Telegram delivered them to regbot. */
const updates = [
  message(101, {
    text: "see https://a.example and this",
    entities: [
      { type: "url", offset: 4, length: 17 },
      { type: "text_link", offset: 26, length: 4, url: "https://b.example/" },
    ],
    reply_to_message: { message_id: 100, date: DATE - 60, chat: CHAT, from: SOFIA, text: "Where?" },
  }),
  line("edit", {
    update_id: 201,
    edited_message: {
      message_id: 101,
      date: DATE,
      edit_date: DATE + 60,
      chat: CHAT,
      from: BORIS,
      text: "see https://a.example and this",
      entities: [
        { type: "url", offset: 4, length: 17 },
        { type: "text_link", offset: 26, length: 4, url: "https://b.example/" },
      ],
    },
  }),
  line("reaction", {
    update_id: 202,
    message_reaction: {
      chat: CHAT,
      message_id: 101,
      user: SOFIA,
      date: DATE + 120,
      old_reaction: [],
      new_reaction: [{ type: "emoji", emoji: "👍" }],
    },
  }),
  message(102, {
    venue: { location: { latitude: 40.4, longitude: -3.7 }, title: "Café Central", address: "Plaza del Ángel 10" },
    location: { latitude: 40.4, longitude: -3.7 },
  }),
  message(103, { contact: { phone_number: "+34600000000", first_name: "Ana", last_name: "Gil" } }),
  message(104, {
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
  message(105, {
    sticker: {
      file_id: "s",
      file_unique_id: "su",
      type: "regular",
      width: 512,
      height: 512,
      emoji: "👍",
      file_size: 1000,
    },
  }),
  message(106, {
    audio: {
      file_id: "a",
      file_unique_id: "au",
      duration: 200,
      performer: "Rosalía",
      title: "Malamente",
      mime_type: "audio/mpeg",
      file_name: "malamente.mp3",
    },
  }),
  message(107, { forum_topic_created: { name: "Ads", icon_color: 0 } }, SOFIA, "service"),
  line("bot_message", {
    method: "sendMessage",
    delivery: "certain",
    result: {
      message_id: 108,
      date: DATE,
      chat: CHAT,
      from: REGBOT,
      text: "Confirm the call?",
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "call:1:yes" }]] },
    },
  }),
];

function derived(): { header: Record<string, unknown>; messages: Array<Record<string, unknown>> } {
  const views = new BundleViews(FACTS);
  for (const one of updates) views.prepare(one);
  let text = views.start().json;
  for (const one of updates) text += views.render(one).json;
  const parsed = JSON.parse(text + views.finish("0".repeat(64)).json);
  return { header: parsed, messages: parsed.messages };
}

/** A message without regbot's x_ keys. */
const desktopPart = (shown: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(shown).filter(([key]) => !key.startsWith("x_")));

describe("result.json against a Telegram Desktop export's shapes", () => {
  const ours = derived();

  it("names, types and identifies the chat as Desktop does", () => {
    for (const key of ["name", "type", "id"]) expect(ours.header[key], key).toEqual(desktop[key]);
  });

  for (const [index, expected] of (desktop.messages as Array<Record<string, unknown>>).entries()) {
    it(`writes message ${expected.id} (${expected.action ?? expected.media_type ?? Object.keys(expected)[6]}) key by key, in Desktop's order`, () => {
      const shown = desktopPart(ours.messages[index]!);
      expect(Object.keys(shown)).toEqual(Object.keys(expected));
      for (const key of Object.keys(expected)) expect(shown[key], key).toEqual(expected[key]);
    });
  }
});

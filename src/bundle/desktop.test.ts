import { describe, expect, it } from "vitest";
import { BundleViews, type BundleFacts } from "./views.mjs";

/**
 * result.json field by field against the shapes Telegram Desktop's own writer
 * (export_output_json.cpp) gives each kind of message: the same keys, in the same order, with
 * the same types. regbot's additions follow under x_ keys.
 */
const CHAT = { id: -1001234567890, type: "supergroup", title: "Acme × Sofía" };
const FACTS: BundleFacts = {
  chat: { id: 1, telegramChatId: CHAT.id, type: "supergroup", title: CHAT.title },
  period: null,
  createdAt: "2026-11-30T00:00:00.000Z",
  defaultTimezone: "Europe/Madrid",
};
const BORIS = { id: 601, is_bot: false, first_name: "Boris", last_name: "Petrov" };
const SOFIA = { id: 501, is_bot: false, first_name: "Sofía", username: "sofia_smm" };
const REGBOT = { id: 7000001, is_bot: true, first_name: "regbot", username: "regbot_bot" };
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
const said = (message: Record<string, unknown>, from: object = BORIS) =>
  line("message", { update_id: seq, message: { message_id: seq + 100, date: DATE, chat: CHAT, from, ...message } });
const service = (message: Record<string, unknown>, from: object = SOFIA) =>
  line("service", { update_id: seq, message: { message_id: seq + 100, date: DATE, chat: CHAT, from, ...message } });

/** The messages of result.json for these lines, as the exporter and verify.mjs both derive them. */
function desktop(
  lines: string[],
  facts = FACTS,
): { header: Record<string, unknown>; messages: Array<Record<string, unknown>> } {
  const views = new BundleViews(facts);
  for (const one of lines) views.prepare(one);
  let text = views.start().json;
  for (const one of lines) text += views.render(one).json;
  text += views.finish("0".repeat(64)).json;
  const parsed = JSON.parse(text);
  return { header: parsed, messages: parsed.messages };
}
const one = (built: string) => desktop([built]).messages[0]!;
const idOf = (built: string): number => JSON.parse(built).payload.message.message_id;

describe("result.json in Telegram Desktop's format", () => {
  it("writes a message's keys in Desktop's order, dates in the chat's zone, edited after date_unixtime", () => {
    const original = said({ text: "Report on Friday" });
    const id = idOf(original);
    const edited = line("edit", {
      update_id: 9,
      edited_message: {
        message_id: id,
        date: DATE,
        edit_date: DATE + 60,
        chat: CHAT,
        from: BORIS,
        text: "Report on Monday",
      },
    });
    const [message] = desktop([original, edited]).messages;
    expect(Object.keys(message!).slice(0, 10)).toEqual([
      "id",
      "type",
      "date",
      "date_unixtime",
      "edited",
      "edited_unixtime",
      "from",
      "from_id",
      "text",
      "text_entities",
    ]);
    expect(message).toMatchObject({
      id,
      type: "message",
      date: "2026-11-18T12:06:40",
      date_unixtime: String(DATE),
      edited: "2026-11-18T12:07:40",
      edited_unixtime: String(DATE + 60),
      from: "Boris Petrov",
      from_id: "user601",
      text: "Report on Monday",
    });
  });

  it("names entities as Desktop does: link, text_link with href, pre with a language, blockquote with collapsed", () => {
    const text = "see https://a.example and this, code, quote, more";
    const message = one(
      said({
        text,
        entities: [
          { type: "url", offset: 4, length: 17 },
          { type: "text_link", offset: 26, length: 4, url: "https://b.example/" },
          { type: "pre", offset: 32, length: 4 },
          { type: "blockquote", offset: 38, length: 5 },
          { type: "expandable_blockquote", offset: 45, length: 4 },
        ],
      }),
    );
    expect(message.text_entities).toEqual([
      { type: "plain", text: "see " },
      { type: "link", text: "https://a.example" },
      { type: "plain", text: " and " },
      { type: "text_link", text: "this", href: "https://b.example/" },
      { type: "plain", text: ", " },
      { type: "pre", text: "code", language: "" },
      { type: "plain", text: ", " },
      { type: "blockquote", text: "quote", collapsed: false },
      { type: "plain", text: ", " },
      { type: "blockquote", text: "more", collapsed: true },
    ]);
    expect((message.text as unknown[])[1]).toEqual({ type: "link", text: "https://a.example" });
  });

  it("gives a location, a venue, a contact and a poll their content", () => {
    expect(one(said({ location: { latitude: 40.4168, longitude: -3.7038 } }))).toMatchObject({
      location_information: { latitude: 40.4168, longitude: -3.7038 },
      text: "",
    });
    const venue = one(
      said({
        venue: { location: { latitude: 40.4, longitude: -3.7 }, title: "Café Central", address: "Plaza del Ángel 10" },
        location: { latitude: 40.4, longitude: -3.7 },
      }),
    );
    expect(Object.keys(venue).slice(6, 9)).toEqual(["place_name", "address", "location_information"]);
    expect(venue).toMatchObject({
      place_name: "Café Central",
      address: "Plaza del Ángel 10",
      location_information: { latitude: 40.4, longitude: -3.7 },
    });
    expect(one(said({ contact: { phone_number: "+34600000000", first_name: "Ana", last_name: "Gil" } }))).toMatchObject(
      { contact_information: { first_name: "Ana", last_name: "Gil", phone_number: "+34600000000" } },
    );
    const poll = one(
      said({
        poll: {
          id: "1",
          question: "Which banner?",
          options: [
            { text: "Blue", voter_count: 2 },
            { text: "Red", voter_count: 1 },
          ],
          total_voter_count: 3,
          is_closed: true,
          is_anonymous: true,
          type: "regular",
          allows_multiple_answers: false,
        },
      }),
    );
    expect(poll.poll).toEqual({
      question: "Which banner?",
      closed: true,
      total_voters: 3,
      answers: [
        { text: "Blue", voters: 2, chosen: false },
        { text: "Red", voters: 1, chosen: false },
      ],
    });
  });

  it("writes a sticker's emoji and size and an audio file's performer and title", () => {
    const sticker = one(
      said({
        sticker: {
          file_id: "s",
          file_unique_id: "su",
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          emoji: "👍",
          file_size: 1000,
        },
      }),
    );
    expect(sticker).toMatchObject({
      file: "(File not included. Change data exporting settings to download.)",
      file_size: 1000,
      media_type: "sticker",
      sticker_emoji: "👍",
      width: 512,
      height: 512,
    });
    expect(sticker).not.toHaveProperty("mime_type");
    const audio = one(
      said({
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
    );
    expect(Object.keys(audio).slice(6, 14)).toEqual(
      ["file", "file_name", "media_type", "performer", "title", "mime_type", "duration_seconds", "x_file_id"].slice(
        0,
        8,
      ),
    );
    expect(audio).toMatchObject({
      media_type: "audio_file",
      performer: "Rosalía",
      title: "Malamente",
      mime_type: "audio/mpeg",
      duration_seconds: 200,
    });
  });

  it("puts reactions on the message they belong to, with who chose them and when", () => {
    const message = said({ text: "The banner is ready" }, SOFIA);
    const id = idOf(message);
    const reaction = line("reaction", {
      update_id: 50,
      message_reaction: {
        chat: CHAT,
        message_id: id,
        user: BORIS,
        date: DATE + 120,
        old_reaction: [],
        new_reaction: [{ type: "emoji", emoji: "👍" }],
      },
    });
    const [shown] = desktop([message, reaction]).messages;
    expect(shown!.reactions).toEqual([
      {
        type: "emoji",
        count: 1,
        emoji: "👍",
        recent: [{ from: "Boris Petrov", from_id: "user601", date: "2026-11-18T12:08:40" }],
      },
    ]);
  });

  it("writes regbot's buttons as inline_bot_buttons", () => {
    const sent = line("bot_message", {
      method: "sendMessage",
      delivery: "certain",
      result: {
        message_id: 300,
        date: DATE,
        chat: CHAT,
        from: REGBOT,
        text: "Confirm the call?",
        reply_markup: {
          inline_keyboard: [
            [
              { text: "Yes", callback_data: "call:1:yes" },
              { text: "Rules", url: "https://t.me/regbot_bot" },
            ],
          ],
        },
      },
    });
    expect(one(sent)).toMatchObject({
      from: "regbot",
      inline_bot_buttons: [
        [
          { type: "callback", text: "Yes", dataBase64: Buffer.from("call:1:yes").toString("base64url"), data: "" },
          { type: "url", text: "Rules", data: "https://t.me/regbot_bot" },
        ],
      ],
      x_regbot: true,
    });
  });

  it("names service actions as Desktop does, with their fields", () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ forum_topic_created: { name: "Ads", icon_color: 0 } }, { action: "topic_created", title: "Ads" }],
      [{ video_chat_started: {} }, { action: "group_call" }],
      [{ video_chat_ended: { duration: 600 } }, { action: "group_call", duration: 600 }],
      [
        { video_chat_scheduled: { start_date: DATE + 3600 } },
        { action: "group_call_scheduled", schedule_date: DATE + 3600 },
      ],
      [
        { video_chat_participants_invited: { users: [BORIS] } },
        { action: "invite_to_group_call", members: ["Boris Petrov"] },
      ],
      [
        { message_auto_delete_timer_changed: { message_auto_delete_time: 86400 } },
        { action: "set_messages_ttl", period: 86400 },
      ],
      [{ boost_added: { boost_count: 2 } }, { action: "boost_apply", boosts: 2 }],
      [{ chat_background_set: { type: { type: "fill" } } }, { action: "set_chat_wallpaper" }],
      [
        { write_access_allowed: { web_app_name: "Planner" } },
        { action: "allow_sending_messages", reason_app_name: "Planner" },
      ],
      [
        { users_shared: { request_id: 4, users: [{ user_id: 601 }] } },
        { action: "requested_peer", button_id: 4, peers: [601] },
      ],
      [{ group_chat_created: true }, { action: "create_group", title: "Acme × Sofía", members: [] }],
      [{ migrate_from_chat_id: -4001 }, { action: "migrate_from_group", title: "Acme × Sofía" }],
      [
        {
          new_chat_photo: [
            { file_id: "p", file_unique_id: "pu", width: 160, height: 160, file_size: 900 },
            { file_id: "q", file_unique_id: "qu", width: 640, height: 640, file_size: 9000 },
          ],
        },
        {
          action: "edit_group_photo",
          photo: "(File not included. Change data exporting settings to download.)",
          photo_file_size: 9000,
          width: 640,
          height: 640,
        },
      ],
      [{ new_chat_members: [BORIS] }, { action: "invite_members", members: ["Boris Petrov"] }],
    ];
    for (const [fields, expected] of cases) {
      const shown = one(service(fields));
      expect(shown, JSON.stringify(fields)).toMatchObject({
        type: "service",
        actor: "Sofía",
        actor_id: "user501",
        ...expected,
      });
      expect(Object.keys(shown).slice(0, 7), JSON.stringify(fields)).toEqual([
        "id",
        "type",
        "date",
        "date_unixtime",
        "actor",
        "actor_id",
        "action",
      ]);
    }
  });

  it("calls a supergroup with a username public_supergroup", () => {
    const publicChat = { ...CHAT, username: "acme_ads" };
    const built = line("message", {
      update_id: 1,
      message: { message_id: 5, date: DATE, chat: publicChat, from: BORIS, text: "hi" },
    });
    expect(desktop([built]).header).toMatchObject({ name: "Acme × Sofía", type: "public_supergroup", id: 1234567890 });
    expect(desktop([said({ text: "hi" })]).header).toMatchObject({ type: "private_supergroup" });
  });
});

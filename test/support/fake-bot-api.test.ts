import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, expect, afterEach } from "vitest";
import { Api, Bot, GrammyError, HttpError, InputFile } from "grammy";
import type { Chat, Update } from "grammy/types";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from "./fake-bot-api.js";
import { finishFormattedText } from "./telegram-entities.js";

const TOKEN = "123456:TEST-token";
const USER_ID = 42;
const GROUP_ID = -555;
const SUPERGROUP_ID = -1001234567890;

const CONFLICT_OTHER_POLL =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

const running: FakeBotApi[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});

async function startFake(options: Partial<FakeBotApiOptions> = {}): Promise<{ fake: FakeBotApi; api: Api }> {
  const fake = await startFakeBotApi({ token: TOKEN, ...options });
  running.push(fake);
  return { fake, api: new Api(TOKEN, { apiRoot: fake.apiRoot }) };
}

function privateChat(userId: number): Chat.PrivateChat {
  return { id: userId, type: "private", first_name: `Alice ${userId}` };
}

function groupChat(chatId: number): Chat.GroupChat {
  return { id: chatId, type: "group", title: "Client group" };
}

type NonChannelChat = Exclude<Chat, Chat.ChannelChat>;

function textMessageUpdate(chat: NonChannelChat, text: string, messageId = 1): Omit<Update, "update_id"> {
  const from = { id: USER_ID, is_bot: false, first_name: "Alice" };
  return { message: { message_id: messageId, date: 1_700_000_000, chat, from, text } };
}

function callbackQueryUpdate(id: string): Omit<Update, "update_id"> {
  const from = { id: USER_ID, is_bot: false, first_name: "Alice" };
  return { callback_query: { id, from, chat_instance: "ci", data: "x" } };
}

/** Resolves with the GrammyError a call fails with (and fails the test if it succeeds). */
async function telegramError(call: Promise<unknown>): Promise<GrammyError> {
  const error: unknown = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

describe("getUpdates", () => {
  it("returns queued updates in order and forgets those confirmed by offset", async () => {
    const { fake, api } = await startFake();
    fake.pushUpdates([1, 2, 3].map((n) => textMessageUpdate(privateChat(USER_ID), `m${n}`, n)));

    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual([1000, 1001, 1002]);
    expect((await api.getUpdates({ offset: 1002 })).map((u) => u.update_id)).toEqual([1002]);
    expect(fake.pendingUpdates()).toBe(1);
    expect(await api.getUpdates({ offset: 1003 })).toEqual([]);
    expect(fake.pendingUpdates()).toBe(0);
  });

  it("honours limit and a negative offset", async () => {
    const { fake, api } = await startFake();
    fake.pushUpdates([1, 2, 3, 4].map((n) => textMessageUpdate(privateChat(USER_ID), `m${n}`, n)));

    expect((await api.getUpdates({ limit: 2 })).map((u) => u.update_id)).toEqual([1000, 1001]);
    expect((await api.getUpdates({ offset: -1 })).map((u) => u.update_id)).toEqual([1003]);
    expect(fake.pendingUpdates()).toBe(1);
  });

  it("holds a long poll and answers as soon as an update is pushed", async () => {
    const { fake, api } = await startFake();
    const poll = api.getUpdates({ timeout: 10 });
    await fake.waitFor(() => fake.isLongPollHeld());

    const pushedAt = Date.now();
    const pushed = fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "hello"));
    const updates = await poll;

    expect(updates).toEqual([pushed]);
    expect(Date.now() - pushedAt).toBeLessThan(1000);
  });

  it("answers an empty list when the long poll times out", async () => {
    const { api } = await startFake();
    const startedAt = Date.now();
    expect(await api.getUpdates({ timeout: 0.2 })).toEqual([]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(150);
  });

  it("filters by allowed_updates, drops the other types, and remembers the list", async () => {
    const { fake, api } = await startFake();
    fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "dropped"));
    const callback = fake.pushUpdate(callbackQueryUpdate("cb-1"));

    const first = await api.getUpdates({ allowed_updates: ["callback_query"] });
    expect(first).toEqual([callback]);
    expect(fake.droppedUpdates.map((u) => u.update_id)).toEqual([1000]);

    fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "still filtered"));
    expect(await api.getUpdates({ offset: callback.update_id + 1 })).toEqual([]);

    // An empty list restores Telegram's default set.
    const message = fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "delivered"));
    expect(await api.getUpdates({ allowed_updates: [] })).toEqual([message]);
  });

  it("leaves chat_member updates out by default, like Telegram", async () => {
    const { fake, api } = await startFake();
    const member = { status: "member" as const, user: { id: USER_ID, is_bot: false, first_name: "Alice" } };
    const left = { status: "left" as const, user: member.user };
    fake.pushUpdate({
      chat_member: {
        chat: groupChat(GROUP_ID),
        from: member.user,
        date: 1,
        old_chat_member: left,
        new_chat_member: member,
      },
    });

    expect(await api.getUpdates()).toEqual([]);
    expect(fake.droppedUpdates).toHaveLength(1);
  });

  it("answers the older of two concurrent polls with 409", async () => {
    const { fake, api } = await startFake();
    const older = api.getUpdates({ timeout: 10 });
    await fake.waitFor(() => fake.isLongPollHeld());

    const newer = api.getUpdates({ timeout: 0 });
    const error = await telegramError(older);

    expect(error.error_code).toBe(409);
    expect(error.description).toBe(CONFLICT_OTHER_POLL);
    expect(await newer).toEqual([]);
  });

  it("forgets a long poll whose client disconnected", async () => {
    const { fake, api } = await startFake();
    const controller = new AbortController();
    // grammY types its signal parameter with the abort-controller polyfill's type.
    const signal = controller.signal as Parameters<typeof api.getUpdates>[1];
    const abandoned = api.getUpdates({ timeout: 10 }, signal);
    await fake.waitFor(() => fake.isLongPollHeld());

    controller.abort();
    await expect(abandoned).rejects.toBeInstanceOf(HttpError);
    await fake.waitFor(() => !fake.isLongPollHeld());

    const pushed = fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "after"));
    expect(await api.getUpdates()).toEqual([pushed]);
  });

  it("refuses getUpdates while a webhook is set and drops pending updates on request", async () => {
    const { fake, api } = await startFake();
    fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "queued"));
    await api.setWebhook("https://example.com/hook", { allowed_updates: ["message"] });

    const error = await telegramError(api.getUpdates());
    expect(error.error_code).toBe(409);
    expect(error.description).toMatch(/^Conflict: can't use getUpdates method while webhook is active/);
    expect(await api.getWebhookInfo()).toMatchObject({
      url: "https://example.com/hook",
      pending_update_count: 1,
      allowed_updates: ["message"],
    });

    await api.deleteWebhook({ drop_pending_updates: true });
    expect(fake.pendingUpdates()).toBe(0);
    expect(await api.getUpdates()).toEqual([]);
  });
});

describe("webhook delivery behind a load balancer", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** A webhook endpoint answering `status`, recording what it got and how many requests it held at once. */
  async function endpoint(status: number) {
    const received: { updateId: number; secret: unknown }[] = [];
    let open = 0;
    let mostAtOnce = 0;
    const server = createServer((request, response) => {
      open += 1;
      mostAtOnce = Math.max(mostAtOnce, open);
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () =>
        setTimeout(() => {
          received.push({
            updateId: (JSON.parse(body) as Update).update_id,
            secret: request.headers["x-telegram-bot-api-secret-token"],
          });
          open -= 1;
          response.writeHead(status).end();
        }, 5),
      );
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    return { url, received, mostAtOnce: () => mostAtOnce };
  }

  it("spreads updates over the targets in turn and sends again, elsewhere, what was not answered 200", async () => {
    const { fake, api } = await startFake();
    const [first, second, failing] = [await endpoint(200), await endpoint(200), await endpoint(500)];
    const refusing = await endpoint(200);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    fake.forwardWebhookTo([first.url, second.url, failing.url, refusing.url]);
    const pushed = fake.pushUpdates([1, 2, 3, 4, 5, 6].map((n) => textMessageUpdate(privateChat(USER_ID), `m${n}`, n)));
    expect(fake.webhookDeliveries).toEqual([]); // nothing leaves before a webhook is set

    await api.setWebhook("https://bot.example.com/hook", { secret_token: "s3cret", max_connections: 2 });
    await fake.waitFor(() => fake.pendingUpdates() === 0);

    const answered = [...first.received, ...second.received];
    expect(answered.map((got) => got.updateId).sort()).toEqual(pushed.map((update) => update.update_id));
    expect(answered.every((got) => got.secret === "s3cret")).toBe(true);
    expect(failing.received.length).toBeGreaterThan(0);
    expect(fake.webhookDeliveries.filter((delivery) => delivery.target === refusing.url)).not.toEqual([]);
    expect(fake.webhookDeliveries.filter((delivery) => delivery.target === refusing.url)).toEqual(
      fake.webhookDeliveries.filter((delivery) => delivery.status === 0),
    );
    expect(first.mostAtOnce() + second.mostAtOnce() + failing.mostAtOnce()).toBeLessThanOrEqual(4);
    expect(Math.max(first.mostAtOnce(), second.mostAtOnce())).toBeLessThanOrEqual(2);
  });

  it("holds updates at Telegram while no target is set, as before", async () => {
    const { fake, api } = await startFake();
    await api.setWebhook("https://bot.example.com/hook");
    fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "waits"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.pendingUpdates()).toBe(1);
    expect(fake.webhookDeliveries).toEqual([]);
  });
});

describe("with a real grammY Bot", () => {
  it("serves long polling end to end and gets the offset confirmed on stop", async () => {
    const { fake } = await startFake();
    const bot = new Bot(TOKEN, { client: { apiRoot: fake.apiRoot } });
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const polling = bot.start({ timeout: 1 });

    fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "hi"));
    const reply = await fake.waitFor(() => fake.sentTo(USER_ID)[0]);
    await bot.stop();
    await polling;

    expect(reply.text).toBe("echo: hi");
    expect(fake.pendingUpdates()).toBe(0);
    expect(fake.unimplemented).toEqual([]);
    expect(fake.callsTo("getMe")).toHaveLength(1);
  });
});

describe("sendMessage", () => {
  it("keeps plain text and explicit UTF-16 entities", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);

    const entities = [
      { type: "bold" as const, offset: 0, length: 2 },
      { type: "italic" as const, offset: 3, length: 1 },
    ];
    const message = await api.sendMessage(USER_ID, "😀 x & <b>", { entities });

    expect(message.text).toBe("😀 x & <b>");
    expect(message.entities).toEqual(entities);
    expect(message).toMatchObject({ message_id: 100000, chat: { id: USER_ID, type: "private" } });
    expect(message.from).toMatchObject({ id: 7000001, is_bot: true, username: "regbot_test_bot" });
    expect(fake.sent).toEqual([message]);
    expect(fake.sentTo(USER_ID)).toEqual([message]);
  });

  it("limits the text to 4096 UTF-16 code units", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);

    const longest = await api.sendMessage(USER_ID, "a".repeat(4096));
    expect(longest.text).toHaveLength(4096);

    for (const text of ["a".repeat(4097), "😀".repeat(2049)]) {
      const error = await telegramError(api.sendMessage(USER_ID, text));
      expect(error.error_code).toBe(400);
      expect(error.description).toBe("Bad Request: message is too long");
    }
  });

  it("rejects text that is empty after trimming", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);

    for (const text of ["", "   \n"]) {
      const error = await telegramError(api.sendMessage(USER_ID, text));
      expect(error.description).toBe("Bad Request: message text is empty");
    }
  });

  it("validates explicit entities against the text", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);

    const error = await telegramError(
      api.sendMessage(USER_ID, "hello", { entities: [{ type: "bold", offset: 3, length: 5 }] }),
    );
    expect(error.description).toMatch(/^Bad Request: can't parse entities: /);

    const ok = await api.sendMessage(USER_ID, "hello", { entities: [{ type: "bold", offset: 1, length: 4 }] });
    expect(ok.entities).toEqual([{ type: "bold", offset: 1, length: 4 }]);
  });

  it("answers 403 to a user who never started the bot, and after the bot was kicked", async () => {
    const { fake, api } = await startFake();

    const neverStarted = await telegramError(api.sendMessage(USER_ID, "hi"));
    expect(neverStarted.error_code).toBe(403);
    expect(neverStarted.description).toBe("Forbidden: bot can't initiate conversation with a user");

    fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "/start"));
    await expect(api.sendMessage(USER_ID, "hi")).resolves.toMatchObject({ text: "hi" });

    fake.kickBotFrom(SUPERGROUP_ID);
    const kicked = await telegramError(api.sendMessage(SUPERGROUP_ID, "hi"));
    expect(kicked.error_code).toBe(403);
    expect(kicked.description).toBe("Forbidden: bot was kicked from the supergroup chat");

    fake.kickBotFrom(GROUP_ID);
    const kickedFromGroup = await telegramError(api.sendMessage(GROUP_ID, "hi"));
    expect(kickedFromGroup.description).toBe("Forbidden: bot was kicked from the group chat");
  });

  it("answers 403 after the user blocked the bot", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);
    fake.userBlockedBot(USER_ID);

    const error = await telegramError(api.sendMessage(USER_ID, "hi"));
    expect(error.description).toBe("Forbidden: bot was blocked by the user");
  });

  it("reports a migrated group with migrate_to_chat_id", async () => {
    const { fake, api } = await startFake();
    fake.setChat({ id: GROUP_ID, type: "group", title: "Client group" });
    fake.migrateChat(GROUP_ID, SUPERGROUP_ID);

    const error = await telegramError(api.sendMessage(GROUP_ID, "hi"));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe("Bad Request: group chat was upgraded to a supergroup chat");
    expect(error.parameters.migrate_to_chat_id).toBe(SUPERGROUP_ID);

    const moved = await api.sendMessage(SUPERGROUP_ID, "hi");
    expect(moved.chat).toMatchObject({ id: SUPERGROUP_ID, type: "supergroup", title: "Client group" });
  });

  it("keeps topic and reply information", async () => {
    const { fake, api } = await startFake();
    fake.pushUpdate(textMessageUpdate(groupChat(GROUP_ID), "question", 5));

    const message = await api.sendMessage(GROUP_ID, "answer", {
      message_thread_id: 7,
      reply_parameters: { message_id: 5 },
    });

    expect(message).toMatchObject({ message_thread_id: 7, is_topic_message: true });
    expect(message.reply_to_message).toMatchObject({ message_id: 5, text: "question" });
  });

  it("resolves @username only for chats it knows", async () => {
    const { fake, api } = await startFake();

    const unknown = await telegramError(api.sendMessage("@agency", "hi"));
    expect(unknown.description).toBe("Bad Request: chat not found");

    fake.setChat({ id: SUPERGROUP_ID, type: "supergroup", title: "Agency", username: "agency" });
    const message = await api.sendMessage("@agency", "hi");
    expect(message.chat).toMatchObject({ id: SUPERGROUP_ID, title: "Agency" });
    expect(fake.sentTo("@agency")).toEqual([message]);
  });

  it("rejects callback_data longer than 64 bytes", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);
    const reply_markup = { inline_keyboard: [[{ text: "go", callback_data: "x".repeat(65) }]] };

    const error = await telegramError(api.sendMessage(USER_ID, "hi", { reply_markup }));
    expect(error.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("takes web_app buttons in private chats only, and keeps the menu button per private chat or for all", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);
    fake.setChat(groupChat(GROUP_ID));
    const reply_markup = { inline_keyboard: [[{ text: "open", web_app: { url: "https://app.example/app" } }]] };
    await api.sendMessage(USER_ID, "hi", { reply_markup });
    expect((await telegramError(api.sendMessage(GROUP_ID, "hi", { reply_markup }))).description).toBe(
      "Bad Request: BUTTON_TYPE_INVALID",
    );

    expect(fake.menuButton(USER_ID)).toEqual({ type: "default" });
    await api.setChatMenuButton({
      menu_button: { type: "web_app", text: "Desk", web_app: { url: "https://app.example/app" } },
    });
    expect(fake.menuButton(USER_ID)).toEqual({
      type: "web_app",
      text: "Desk",
      web_app: { url: "https://app.example/app" },
    });
    await api.setChatMenuButton({ chat_id: USER_ID, menu_button: { type: "commands" } });
    expect(await api.getChatMenuButton({ chat_id: USER_ID })).toEqual({ type: "commands" });
    const insecure = api.setChatMenuButton({
      menu_button: { type: "web_app", text: "Desk", web_app: { url: "http://app.example/app" } },
    });
    expect((await telegramError(insecure)).description).toBe("Bad Request: BUTTON_URL_INVALID");
  });

  it("answers 401 to a wrong token", async () => {
    const { fake } = await startFake();
    const error = await telegramError(new Api("999:wrong", { apiRoot: fake.apiRoot }).getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe("Unauthorized");
  });
});

describe("editMessageText", () => {
  it("edits a message the bot sent, and refuses unknown or unchanged ones", async () => {
    const { fake, api } = await startFake({ now: () => 1_700_000_123_456 });
    fake.userStartedBot(USER_ID);
    const reply_markup = { inline_keyboard: [[{ text: "ok", callback_data: "ok" }]] };
    const entities = [{ type: "bold" as const, offset: 0, length: 5 }];
    const original = await api.sendMessage(USER_ID, "draft", { entities, reply_markup });

    const missing = await telegramError(api.editMessageText(USER_ID, 1, "x"));
    expect(missing.description).toBe("Bad Request: message to edit not found");

    const unchanged = await telegramError(
      api.editMessageText(USER_ID, original.message_id, "draft", { entities, reply_markup }),
    );
    expect(unchanged.description).toMatch(/^Bad Request: message is not modified: /);

    const edited = await api.editMessageText(USER_ID, original.message_id, "final");
    expect(edited).toMatchObject({ message_id: original.message_id, text: "final", edit_date: 1_700_000_123 });
    expect(edited).not.toHaveProperty("entities");
    expect(edited).not.toHaveProperty("reply_markup"); // an edit without reply_markup removes the keyboard
    expect(fake.currentMessage(USER_ID, original.message_id)).toEqual(edited);
    expect(fake.sent).toEqual([original]);
    expect(fake.edited).toEqual([edited]);
  });
});

describe("files", () => {
  it("getFile gives a stored file's path, and the file URL serves its bytes to the right token only", async () => {
    const { fake, api } = await startFake();
    fake.storeFile({ fileId: "voice-1", filePath: "voice/file_1.oga", contents: Buffer.from("OggS voice") });
    const file = await api.getFile("voice-1");
    expect(file).toEqual({
      file_id: "voice-1",
      file_unique_id: "unique-voice-1",
      file_size: 10,
      file_path: "voice/file_1.oga",
    });
    const download = await fetch(`${fake.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe("OggS voice");
    expect((await fetch(`${fake.apiRoot}/file/bot999:wrong/${file.file_path}`)).status).toBe(404);
    expect(fake.downloads).toEqual(["voice/file_1.oga"]);
  });

  it("getFile refuses files over 20 MB and file ids it does not know, as Telegram does", async () => {
    const { fake, api } = await startFake();
    fake.storeFile({ fileId: "long-voice", filePath: "voice/file_2.oga", contents: { size: 20 * 1024 * 1024 + 1 } });
    expect((await telegramError(api.getFile("long-voice"))).description).toBe("Bad Request: file is too big");
    expect((await telegramError(api.getFile("nonsense"))).description).toBe("Bad Request: invalid file_id");
  });
});

describe("injected faults", () => {
  it("answers 429 with retry_after, then recovers", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);
    fake.failNext("sendMessage", { kind: "429", retryAfter: 7 });

    const error = await telegramError(api.sendMessage(USER_ID, "hi"));
    expect(error.error_code).toBe(429);
    expect(error.description).toBe("Too Many Requests: retry after 7");
    expect(error.parameters.retry_after).toBe(7);

    await api.sendMessage(USER_ID, "hi");
    expect(fake.callsTo("sendMessage").map((call) => call.status)).toEqual([429, 200]);
    expect(fake.sent).toHaveLength(1);
  });

  it("answers 500 when asked to", async () => {
    const { fake, api } = await startFake();
    fake.failNext("getMe", { kind: "500" }, 2);

    expect((await telegramError(api.getMe())).error_code).toBe(500);
    expect((await telegramError(api.getMe())).error_code).toBe(500);
    await expect(api.getMe()).resolves.toMatchObject({ id: 7000001 });
  });

  it("reset-after performs the send but the client only sees a network error", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);
    fake.failNext("sendMessage", { kind: "reset-after" });

    await expect(api.sendMessage(USER_ID, "maybe sent")).rejects.toBeInstanceOf(HttpError);

    expect(fake.sent.map((message) => message.text)).toEqual(["maybe sent"]);
    expect(fake.callsTo("sendMessage")[0]?.status).toBe(0);
  });

  it("reset-before drops the request without effect", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);
    fake.failNext("sendMessage", { kind: "reset-before" });

    await expect(api.sendMessage(USER_ID, "lost")).rejects.toBeInstanceOf(HttpError);
    expect(fake.sent).toEqual([]);
    await expect(api.sendMessage(USER_ID, "retried")).resolves.toMatchObject({ message_id: 100000 });
  });
});

describe("unimplemented methods", () => {
  it("answers 404 and records the method name", async () => {
    const { fake, api } = await startFake();

    const error = await telegramError(api.sendDice(USER_ID, "🎲"));

    expect(error.error_code).toBe(404);
    expect(error.description).toBe("Not Found: method sendDice is not implemented by the fake Bot API");
    expect(fake.unimplemented).toEqual(["sendDice"]);
  });

  it("records any parse mode as unimplemented: regbot sends explicit entities", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);

    await telegramError(api.sendMessage(USER_ID, "*hi*", { parse_mode: "MarkdownV2" }));
    await telegramError(api.sendMessage(USER_ID, "<b>hi</b>", { parse_mode: "HTML" }));
    expect(fake.unimplemented).toEqual(["sendMessage(parse_mode=MarkdownV2)", "sendMessage(parse_mode=HTML)"]);
  });
});

describe("rate limits", () => {
  function manualClock() {
    const clock = { ms: 1_700_000_000_000, now: () => clock.ms };
    return clock;
  }

  it("allows a burst of 3 per chat, then 1 per second", async () => {
    const clock = manualClock();
    const { fake, api } = await startFake({ enforceRateLimits: true, now: clock.now });
    fake.userStartedBot(USER_ID);

    for (let i = 0; i < 3; i++) await api.sendMessage(USER_ID, `burst ${i}`);
    const error = await telegramError(api.sendMessage(USER_ID, "too fast"));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBe(1);
    expect(fake.rateLimited).toBe(1);

    clock.ms += 1000;
    await expect(api.sendMessage(USER_ID, "later")).resolves.toMatchObject({ text: "later" });
  });

  it("allows 20 messages per minute in a group", async () => {
    const clock = manualClock();
    const { fake, api } = await startFake({ enforceRateLimits: true, now: clock.now });

    for (let i = 0; i < 20; i++) {
      await api.sendMessage(GROUP_ID, `m${i}`);
      clock.ms += 1000;
    }
    const error = await telegramError(api.sendMessage(GROUP_ID, "m20"));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBe(40);
    expect(fake.rateLimited).toBe(1);
  });

  it("allows 30 messages per second overall", async () => {
    const clock = manualClock();
    const { fake, api } = await startFake({ enforceRateLimits: true, now: clock.now });
    const users = Array.from({ length: 31 }, (_, i) => 1000 + i);
    for (const user of users) fake.userStartedBot(user);

    for (const user of users.slice(0, 30)) await api.sendMessage(user, "hi");
    const error = await telegramError(api.sendMessage(users[30] ?? 0, "hi"));
    expect(error.error_code).toBe(429);
    expect(fake.rateLimited).toBe(1);
  });

  it("is off by default", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);
    for (let i = 0; i < 10; i++) await api.sendMessage(USER_ID, `m${i}`);
    expect(fake.rateLimited).toBe(0);
  });
});

describe("chat state", () => {
  it("returns the bot user, overridable", async () => {
    const { api } = await startFake({ botUser: { first_name: "Other" } });
    expect(await api.getMe()).toMatchObject({ id: 7000001, first_name: "Other", username: "regbot_test_bot" });
  });

  it("answers getChat, getChatMember and getChatAdministrators from the state", async () => {
    const { fake, api } = await startFake();
    const ownerUser = { id: 1, is_bot: false, first_name: "Owner" };
    const owner = { status: "creator" as const, user: ownerUser, is_anonymous: false };
    fake.setChat({ id: GROUP_ID, type: "group", title: "Client group" });
    fake.setChatMember(GROUP_ID, owner);

    expect(await api.getChat(GROUP_ID)).toMatchObject({ id: GROUP_ID, title: "Client group" });
    expect((await telegramError(api.getChat(-777))).description).toBe("Bad Request: chat not found");
    expect(await api.getChatMember(GROUP_ID, 1)).toEqual(owner);
    expect(await api.getChatMember(GROUP_ID, 2)).toMatchObject({ status: "left", user: { id: 2 } });
    expect(await api.getChatAdministrators(GROUP_ID)).toEqual([owner]);
  });

  it("stops sending after leaveChat", async () => {
    const { api } = await startFake();
    await api.leaveChat(GROUP_ID);
    const error = await telegramError(api.sendMessage(GROUP_ID, "hi"));
    expect(error.description).toBe("Forbidden: bot is not a member of the group chat");
  });

  it("stores commands per scope and validates them", async () => {
    const { fake, api } = await startFake();
    await api.setMyCommands([{ command: "start", description: "Start" }]);
    await api.setMyCommands([{ command: "rules", description: "Rules" }], { scope: { type: "all_group_chats" } });

    expect(fake.commandsFor()).toEqual([{ command: "start", description: "Start" }]);
    expect(await api.getMyCommands({ scope: { type: "all_group_chats" } })).toEqual([
      { command: "rules", description: "Rules" },
    ]);
    await api.deleteMyCommands();
    expect(fake.commandsFor()).toBeUndefined();

    const error = await telegramError(api.setMyCommands([{ command: "Start", description: "x" }]));
    expect(error.description).toBe("Bad Request: BOT_COMMAND_INVALID");
  });

  it("accepts each pushed callback query exactly once", async () => {
    const { fake, api } = await startFake();
    fake.pushUpdate(callbackQueryUpdate("cb-1"));

    await api.answerCallbackQuery("cb-1", { text: "Done" });
    expect(fake.callbackAnswers).toEqual([{ callback_query_id: "cb-1", text: "Done" }]);
    for (const id of ["cb-1", "never-pushed"]) {
      const error = await telegramError(api.answerCallbackQuery(id));
      expect(error.description).toMatch(/^Bad Request: query is too old/);
    }
  });
});

describe("test helpers", () => {
  it("waitFor resolves with the predicate's value and explains a timeout", async () => {
    const { fake, api } = await startFake();
    setTimeout(() => fake.pushUpdate(textMessageUpdate(privateChat(USER_ID), "x")), 20);
    await expect(fake.waitFor(() => fake.pendingUpdates() || undefined, 1000)).resolves.toBe(1);

    await api.getMe();
    await expect(fake.waitFor(() => fake.sent[0], 50)).rejects.toThrow(
      /waitFor timed out after 50 ms[\s\S]*recent Bot API calls: getMe→200/,
    );
  });

  it("close() ends a held long poll instead of hanging", async () => {
    const { fake, api } = await startFake();
    const poll = api.getUpdates({ timeout: 30 });
    await fake.waitFor(() => fake.isLongPollHeld());

    await fake.close();
    await expect(poll).rejects.toBeInstanceOf(HttpError);
  });

  it("reads form-encoded and multipart bodies", async () => {
    const { fake } = await startFake();
    fake.userStartedBot(USER_ID);
    const url = `${fake.apiRoot}/bot${TOKEN}/sendMessage`;

    const formBody = new URLSearchParams({ chat_id: String(USER_ID), text: "hi" });
    const form = await fetch(url, { method: "POST", body: formBody });
    expect(await form.json()).toMatchObject({ ok: true, result: { text: "hi", chat: { id: USER_ID } } });

    const multipart = new FormData();
    multipart.set("chat_id", String(USER_ID));
    multipart.set("text", "¿qué tal?");
    const sent = await fetch(url, { method: "POST", body: multipart });
    expect(await sent.json()).toMatchObject({ ok: true, result: { text: "¿qué tal?" } });
    multipart.delete("text");
    const rejected = await fetch(url, { method: "POST", body: multipart });
    expect(await rejected.json()).toMatchObject({
      ok: false,
      error_code: 400,
      description: "Bad Request: message text is empty",
    });
    expect(fake.internalErrors).toEqual([]);
  });
});

describe("sendDocument", () => {
  it("takes grammY's upload and keeps the bytes received, with a caption", async () => {
    const { fake, api } = await startFake();
    fake.userStartedBot(USER_ID);
    const bytes = Buffer.from("PK\u0003\u0004 a bundle, byte for byte \u00ff");
    const message = await api.sendDocument(USER_ID, new InputFile(bytes, "Acme × Sofía.zip"), {
      caption: "Export of Acme",
      caption_entities: [{ type: "bold", offset: 0, length: 6 }],
    });
    expect(message).toMatchObject({
      chat: { id: USER_ID, type: "private" },
      caption: "Export of Acme",
      caption_entities: [{ type: "bold", offset: 0, length: 6 }],
      document: { file_name: "Acme × Sofía.zip", mime_type: "application/zip", file_size: bytes.length },
    });
    expect(fake.documents).toHaveLength(1);
    expect(fake.documents[0]!.bytes.equals(bytes)).toBe(true);
    expect(fake.sentTo(USER_ID)).toEqual([message]);

    const again = await api.sendDocument(USER_ID, message.document!.file_id);
    expect(again.document).toEqual(message.document);
  });

  it("answers like Telegram: 413 past the upload cap, 403 to someone who never started the bot, 400 without a file", async () => {
    const { fake, api } = await startFake({ maxUploadBytes: 10 });
    fake.userStartedBot(USER_ID);
    const tooLarge = await telegramError(api.sendDocument(USER_ID, new InputFile(Buffer.alloc(11, 1), "big.zip")));
    expect([tooLarge.error_code, tooLarge.description]).toEqual([413, "Request Entity Too Large"]);
    expect((await api.sendDocument(USER_ID, new InputFile(Buffer.alloc(10, 1), "fits.zip"))).document?.file_size).toBe(
      10,
    );

    const stranger = await telegramError(api.sendDocument(USER_ID + 1, new InputFile(Buffer.alloc(5, 1), "x.zip")));
    expect([stranger.error_code, stranger.description]).toEqual([
      403,
      "Forbidden: bot can't initiate conversation with a user",
    ]);
    const empty = await telegramError(api.sendDocument(USER_ID, new InputFile(Buffer.alloc(0), "empty.zip")));
    expect(empty.description).toBe("Bad Request: file must be non-empty");
    const unknown = await telegramError(api.sendDocument(USER_ID, "no-such-file-id"));
    expect(unknown.description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
    const longCaption = await telegramError(
      api.sendDocument(USER_ID, new InputFile(Buffer.alloc(5, 1), "x.zip"), { caption: "x".repeat(1025) }),
    );
    expect(longCaption.description).toBe("Bad Request: message caption is too long");
    expect(fake.documents).toHaveLength(1);
    expect(fake.internalErrors).toEqual([]);
  });
});

describe("telegram-entities", () => {
  it("trims like Telegram and drops entities nested in code", () => {
    const finished = finishFormattedText({
      text: "\n ab c \n",
      entities: [
        { type: "code", offset: 2, length: 2 },
        { type: "bold", offset: 3, length: 1 },
        { type: "italic", offset: 5, length: 1 },
      ],
    });
    expect(finished).toEqual({
      text: "ab c",
      entities: [
        { type: "code", offset: 0, length: 2 },
        { type: "italic", offset: 3, length: 1 },
      ],
    });
  });
});

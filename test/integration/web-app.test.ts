import { afterEach, describe, expect, it } from "vitest";
import { clientGroup } from "../support/client-group.js";
import type { Harness } from "../support/harness.js";
import { initDataFor } from "../support/init-data.js";
import { bystander, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, tick } = scenario;
const WEB_APP = { WEBAPP_URL: "https://regbot.example/app", PORT: "0" };
const DAY_MS = 24 * 60 * 60 * 1000;

/** Calls the Mini App's API as the page does, with init data signed for `initData`'s person. */
// biome-ignore lint/suspicious/noExplicitAny: the JSON under test; the assertions check its shape.
async function api(path: string, initData: string | undefined, method = "GET"): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${harness.regbot.httpPort}/app/api/${path}`, {
    method,
    headers: initData === undefined ? {} : { authorization: `tma ${initData}` },
  });
  return { status: response.status, body: await response.json() };
}

const as = (user: typeof specialist, authDate = scenario.now) => initDataFor(user, authDate);

/** The specialist, whose Telegram speaks English, asks for their chats privately; regbot's answer. */
async function chatsInPrivate() {
  const user = { ...specialist, language_code: "en" };
  const before = harness.telegram.sentTo(user.id).length;
  harness.telegram.pushUpdate(
    message({ id: user.id, type: "private", first_name: user.first_name }, user, "/chats", {
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    }),
  );
  await harness.telegram.waitFor(() => harness.telegram.sentTo(user.id).length > before);
  return harness.telegram.sentTo(user.id).at(-1) as {
    reply_markup?: { inline_keyboard: Array<Array<{ text: string; web_app?: { url: string } }>> };
  };
}

async function chatWithOpenRequest(): Promise<number> {
  harness = await scenario.open("2026-12-03T09:00", WEB_APP);
  setTime("2026-12-03T16:00");
  await write(specialist, "/request Access to the ad account");
  return harness.query<{ id: number }>("select id from chats")[0]!.id;
}

describe("the Mini App's API", () => {
  it("shows the specialist their chats and the open request, the client their own chat, a stranger nothing", async () => {
    const chatId = await chatWithOpenRequest();
    setTime("2026-12-09T10:00");

    const desk = await api("chats", as(specialist));
    expect(desk.status).toBe(200);
    expect(desk.body.chats).toEqual([
      {
        id: chatId,
        title: "Acme × Sofía",
        role: "specialist",
        flags: ["vencido por el cliente: 1"],
        needsAttention: true,
      },
    ]);
    const view = (await api(`chats/${chatId}`, as(specialist))).body;
    expect(view.clientOwes, "in the specialist's language, at the chat's time zone").toEqual([
      "Atrasado por el cliente: R1 (Access to the ad account), vencía mar 8 dic 2026, 19:00 (Europe/Madrid); el trabajo espera por ello.",
      "En total, el trabajo ha esperado al cliente 1 día hábil.",
    ]);
    expect(view.regulation.settings.length).toBeGreaterThan(5);
    expect(view.regulation.settings, "values in the specialist's language too").toContainEqual({
      name: "Horario de contacto",
      value: "lun-vie 10:00-19:00",
    });
    expect(view.answers).toMatchObject({ agreedMinutes: 120 });

    const own = (await api(`chats/${chatId}`, as({ ...client, language_code: "en" }))).body;
    expect(own).toMatchObject({ role: "client", canAct: true, title: "Acme × Sofía" });
    expect(own.clientOwes[0]).toContain("Overdue from the client: R1 (Access to the ad account)");
    expect(own, "the specialist's desk is not the client's").not.toHaveProperty("regulation");
    expect(own).not.toHaveProperty("checkpoints");

    expect((await api("chats", as(bystander))).body).toEqual({ chats: [] });
    expect((await api(`chats/${chatId}`, as(bystander))).status).toBe(404);
    expect((await api(`chats/${chatId}/export`, as(bystander), "POST")).status).toBe(404);
  });

  it("answers 401 to missing, tampered or day-old init data, and to init data signed with another token", async () => {
    await chatWithOpenRequest();
    const signed = as(specialist);
    expect((await api("chats", signed)).status).toBe(200);
    expect((await api("chats", undefined)).status).toBe(401);
    expect(
      (
        await api(
          "chats",
          signed.replace(/hash=([0-9a-f])/, (_, digit: string) => `hash=${digit === "0" ? "1" : "0"}`),
        )
      ).status,
    ).toBe(401);
    expect(
      (await api("chats", signed.replace("%22id%22%3A501", "%22id%22%3A601"))).status,
      "a changed user id breaks the signature",
    ).toBe(401);
    expect((await api("chats", as(specialist, scenario.now - 2 * DAY_MS))).status).toBe(401);
    expect(
      (
        await api(
          "chats",
          initDataFor(specialist, scenario.now, undefined, "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"),
        )
      ).status,
    ).toBe(401);
    expect((await api("chats", `Bearer ${signed}`)).status).toBe(401);
  });

  it("requests an export privately and acknowledges the digest through the same code as the chat's commands", async () => {
    const chatId = await chatWithOpenRequest();
    await write(specialist, "/set digest Fri 17:00");
    setTime("2026-12-04T17:00");
    expect((await tick()).join("\n")).toContain('Weekly digest for "Acme × Sofía"');

    const before = (await api(`chats/${chatId}`, as(client))).body;
    expect(before.digest).toMatchObject({ id: `w${Math.floor(scenario.now / 1000)}`, acknowledged: false });
    expect(before.digest.text).toContain("Acme × Sofía");
    const acknowledged = await api(`chats/${chatId}/digests/${before.digest.id}/ack`, as(client), "POST");
    expect(acknowledged).toEqual({ status: 200, body: { outcome: "acknowledged" } });
    expect((await api(`chats/${chatId}/digests/${before.digest.id}/ack`, as(client), "POST")).body).toEqual({
      outcome: "already-acknowledged",
    });
    expect((await api(`chats/${chatId}`, as(client))).body.digest.acknowledged).toBe(true);
    expect(
      (await api(`chats/${chatId}/digests/w1/ack`, as(specialist), "POST")).status,
      "a digest the chat never got",
    ).toBe(404);

    expect(await api(`chats/${chatId}/export`, as(specialist), "POST")).toEqual({
      status: 200,
      body: { outcome: "requested" },
    });
    const logged = harness
      .query<{ line: string }>(
        "select line from events where kind = 'action' and (line like '%digest-acknowledged%' or line like '%export-requested%') order by seq",
      )
      .map((row) => JSON.parse(row.line).payload);
    expect(logged).toEqual([
      { event: "digest-acknowledged", digest: before.digest.id, by: client.id, role: "client" },
      {
        event: "export-requested",
        request: expect.stringMatching(`^export:${chatId}:-\\d+$`),
        by: specialist.id,
        role: "specialist",
        period: null,
      },
    ]);
    expect(harness.query("select kind, state from jobs where kind = 'export'")).toEqual([
      { kind: "export", state: "pending" },
    ]);
  });

  it("serves its page with a Content-Security-Policy, the page never cached, the hashed assets for good", async () => {
    await chatWithOpenRequest();
    const page = await fetch(`http://127.0.0.1:${harness.regbot.httpPort}/app`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(page.headers.get("content-encoding")).toBe("gzip");
    const html = await page.text();
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, "the page loads its script from under the app's path").toBeDefined();
    const asset = await fetch(`http://127.0.0.1:${harness.regbot.httpPort}${script}`);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await fetch(`http://127.0.0.1:${harness.regbot.httpPort}/app/assets/nothing.js`)).status).toBe(404);
  });

  it("is not there without WEBAPP_URL: no page, no menu button, no button or link to it", async () => {
    harness = await scenario.open("2026-12-03T09:00", { PORT: "0" });
    expect((await fetch(`http://127.0.0.1:${harness.regbot.httpPort}/app`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${harness.regbot.httpPort}/healthz`)).status).toBe(200);
    expect(harness.telegram.menuButton()).toEqual({ type: "default" });
    expect((await chatsInPrivate()).reply_markup?.inline_keyboard.flat().some((button) => "web_app" in button)).toBe(
      false,
    );
    expect((await write(client, "/status")).at(-1)).not.toContain("startapp");
  });

  it("opens from the private chats' menu button, a button under /chats, and a link under a group's /status", async () => {
    const chatId = await chatWithOpenRequest();
    expect(harness.telegram.menuButton(specialist.id)).toEqual({
      type: "web_app",
      text: "Desk",
      web_app: { url: "https://regbot.example/app" },
    });
    const [first, ...chats] = (await chatsInPrivate()).reply_markup!.inline_keyboard;
    expect(first).toEqual([{ text: "Open the desk", web_app: { url: "https://regbot.example/app" } }]);
    expect(chats.flat().map((button) => button.text)).toEqual([expect.stringContaining("Acme × Sofía")]);
    const status = (await write(client, "/status")).at(-1)!;
    expect(status.split("\n").at(-1)).toBe(
      `Open this chat in the desk: https://t.me/regbot_test_bot?startapp=${chatId}`,
    );
    // The link's start parameter, signed by Telegram, tells the app which chat to open.
    expect((await api("session", initDataFor(client, scenario.now, String(chatId)))).body.startChat).toBe(chatId);
  });
});

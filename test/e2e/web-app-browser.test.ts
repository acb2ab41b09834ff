import { mkdirSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess, type BotProcess } from "../support/bot-process.js";
import {
  chromiumMissing,
  DARK_THEME,
  launchChromium,
  launchUrl,
  LIGHT_THEME,
  type TelegramTheme,
} from "../support/browser.js";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { TOKEN } from "../support/harness.js";
import { initDataFor } from "../support/init-data.js";
import { botAdded, bystander, client, group, message, specialist } from "../support/updates.js";

const chat = group();
const DAY_MS = 24 * 60 * 60 * 1000;
/** `REGBOT_SCREENSHOTS=docs npx vitest run test/e2e/web-app-browser.test.ts` refreshes the README's pictures. */
const screenshots = process.env.REGBOT_SCREENSHOTS;

let telegram: FakeBotApi;
let bot: BotProcess;
let browser: Browser;
let pageUrl: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function command(from: typeof specialist, text: string, extra: Record<string, unknown> = {}) {
  return message(chat, from, text, {
    date: Math.floor(Date.now() / 1000),
    entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }],
    ...extra,
  });
}

/** The real bot process with its Mini App, and a chat where the specialist asked the client for something. */
beforeAll(async () => {
  if (chromiumMissing) return;
  telegram = await startFakeBotApi({ token: TOKEN });
  const port = await freePort();
  const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-webapp-")), "regbot.sqlite");
  bot = startBotProcess({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_PATH: databasePath,
    POLL_TIMEOUT_SECONDS: "1",
    LOG_LEVEL: "warn",
    DEFAULT_TIMEZONE: "Europe/Madrid",
    PORT: String(port),
    WEBAPP_URL: "https://regbot.example/app",
  });
  pageUrl = `http://127.0.0.1:${port}/app`;
  telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
  telegram.pushUpdate(
    command(specialist, "/client", { reply_to_message: { message_id: 1, date: 1, chat, from: client, text: "hi" } }),
  );
  const nomination = await telegram.waitFor(
    () => telegram.sentTo(chat.id).find((sent) => sent.reply_markup !== undefined),
    15_000,
  );
  const keyboard = nomination.reply_markup as { inline_keyboard: { callback_data: string }[][] };
  telegram.pushUpdate({
    callback_query: {
      id: "confirm",
      from: client,
      chat_instance: "ci",
      data: keyboard.inline_keyboard[0]![0]!.callback_data,
      message: nomination as never,
    },
  });
  await telegram.waitFor(() => telegram.callbackAnswers.length > 0, 10_000);
  telegram.pushUpdate(command(specialist, "/request Access to the ad account"));
  await telegram.waitFor(() => telegram.sentTo(chat.id).some((sent) => sent.text?.startsWith("R1")), 10_000);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  bot?.child.kill("SIGTERM");
  await bot?.exited;
  await telegram?.close();
});

/** A phone-sized page opened as Telegram opens the app for `user`. */
async function openAs(
  user: typeof specialist,
  {
    authDate = Date.now(),
    theme = LIGHT_THEME,
    initData,
  }: { authDate?: number; theme?: TelegramTheme; initData?: string } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  await page.goto(launchUrl(pageUrl, initData ?? initDataFor(user, authDate), theme));
  return page;
}

async function snap(page: Page, name: string): Promise<void> {
  if (screenshots === undefined) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, name), fullPage: false });
}

describe.skipIf(chromiumMissing)("the Mini App in a headless Chromium, against the real bot process", () => {
  it("shows the specialist their chat, what needs attention, and the open request inside it", async () => {
    const page = await openAs({ ...specialist, language_code: "en" });
    const list = page.getByTestId("chat-list");
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain("Acme × Sofía");
    expect(await list.textContent()).toContain("Specialist");
    await snap(page, "webapp-chats-light.png");
    await page.getByText("Acme × Sofía").click();
    const owed = page.getByTestId("client-owes");
    await expect.poll(() => owed.textContent(), { timeout: 10_000 }).toContain("R1 (Access to the ad account)");
    expect(await page.getByTestId("answers").count(), "the specialist sees the answer times").toBe(1);
    await snap(page, "webapp-desk-light.png");
    await page.close();
  });

  it("shows the client their chat, in their language and Telegram's dark theme, without the specialist's desk", async () => {
    const page = await openAs(client, { theme: DARK_THEME });
    await expect
      .poll(() => page.getByTestId("chat-list").textContent(), { timeout: 10_000 })
      .toContain("Контакт клиента");
    expect(await page.evaluate("getComputedStyle(document.body).backgroundColor"), "Telegram's dark background").toBe(
      "rgb(33, 33, 33)",
    );
    await page.getByText("Acme × Sofía").click();
    await expect
      .poll(() => page.getByTestId("client-owes").textContent(), { timeout: 10_000 })
      .toContain("R1 (Access to the ad account)");
    expect(await page.getByTestId("answers").count()).toBe(0);
    await snap(page, "webapp-chat-dark.png");
    await page.close();
  });

  it("follows the theme Telegram passes: the specialist's desk dark, the client's chat light", async () => {
    for (const { user, theme, background, picture } of [
      {
        user: { ...specialist, language_code: "en" },
        theme: DARK_THEME,
        background: "rgb(33, 33, 33)",
        picture: "webapp-desk-dark.png",
      },
      { user: client, theme: LIGHT_THEME, background: "rgb(255, 255, 255)", picture: "webapp-chat-light.png" },
    ]) {
      const page = await openAs(user, { theme });
      await page.getByText("Acme × Sofía").click();
      await expect
        .poll(() => page.getByTestId("client-owes").textContent(), { timeout: 10_000 })
        .toContain("R1 (Access to the ad account)");
      expect(await page.evaluate("getComputedStyle(document.body).backgroundColor"), "Telegram's background").toBe(
        background,
      );
      await snap(page, picture);
      await page.close();
    }
  });

  it("shows a stranger no chat at all", async () => {
    const page = await openAs(bystander);
    await expect
      .poll(() => page.getByTestId("no-chats").textContent(), { timeout: 10_000 })
      .toContain("You hold no role in any chat with regbot");
    await page.close();
  });

  it("gets 401 for a tampered hash or a two-day-old auth_date, and says to open it from Telegram", async () => {
    const signed = initDataFor(specialist, Date.now());
    const tampered = signed.replace(/hash=([0-9a-f])/, (_, digit: string) => `hash=${digit === "0" ? "1" : "0"}`);
    for (const options of [{ initData: tampered }, { authDate: Date.now() - 2 * DAY_MS }]) {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      const answered = page.waitForResponse((response) => response.url().includes("/app/api/"));
      await page.goto(launchUrl(pageUrl, options.initData ?? initDataFor(specialist, options.authDate!)));
      expect((await answered).status()).toBe(401);
      await expect
        .poll(() => page.getByTestId("failure").textContent(), { timeout: 10_000 })
        .toContain("Open this app from regbot in Telegram");
      await page.close();
    }
  });

  it("loads nothing from outside regbot's own server", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const hosts = new Set<string>();
    page.on("request", (request) => void hosts.add(new URL(request.url()).host));
    await page.goto(launchUrl(pageUrl, initDataFor(specialist, Date.now())));
    await expect.poll(() => page.getByTestId("chat-list").count(), { timeout: 10_000 }).toBe(1);
    expect([...hosts]).toEqual([new URL(pageUrl).host]);
    await page.close();
  });
});

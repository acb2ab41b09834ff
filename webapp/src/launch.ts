import { on, postEvent, retrieveLaunchParams, retrieveRawInitData } from "@telegram-apps/bridge";

/** What Telegram put in the URL's hash when it opened the app; undefined outside Telegram. */
export interface Launch {
  initData: string;
  theme: Record<string, string>;
}

export function readLaunch(): Launch | undefined {
  try {
    const initData = retrieveRawInitData();
    if (initData === undefined || initData === "") return undefined;
    const theme = (retrieveLaunchParams().tgWebAppThemeParams ?? {}) as Record<string, unknown>;
    return {
      initData,
      theme: Object.fromEntries(
        Object.entries(theme).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      ),
    };
  } catch {
    return undefined;
  }
}

/** Telegram's colours as CSS variables (`--tg-bg_color`…), and light or dark for what CSS cannot derive. */
export function applyTheme(theme: Record<string, string>): void {
  const root = document.documentElement;
  for (const [name, colour] of Object.entries(theme)) root.style.setProperty(`--tg-${name}`, colour);
  root.dataset.scheme = isDark(theme.bg_color) ? "dark" : "light";
}

function isDark(colour: string | undefined): boolean {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour ?? "");
  if (match === null) return window.matchMedia("(prefers-color-scheme: dark)").matches;
  const [red, green, blue] = match.slice(1).map((hex) => parseInt(hex, 16));
  return 0.299 * red! + 0.587 * green! + 0.114 * blue! < 128;
}

/** Tells Telegram the app is drawn (it hides its placeholder) and may take the full height. */
export function announceReady(): void {
  telegram("web_app_ready");
  telegram("web_app_expand");
}

/** Telegram's own back button, shown while a chat is open. */
export function showBackButton(visible: boolean, onPress: () => void): () => void {
  telegram("web_app_setup_back_button", { is_visible: visible });
  if (!visible) return () => undefined;
  return on("back_button_pressed", onPress);
}

/** Outside Telegram (a plain browser) there is nobody to tell: the page works without it. */
function telegram(
  method: "web_app_ready" | "web_app_expand" | "web_app_setup_back_button",
  params?: { is_visible: boolean },
): void {
  try {
    (postEvent as (method: string, params?: object) => void)(method, params);
  } catch {
    // Not inside a Telegram client.
  }
}

import { parse, validate } from "@telegram-apps/init-data-node";

/** Telegram documents init data as valid for a day at most. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Who opened the Mini App, as Telegram signed it. */
export interface MiniAppUser {
  id: number;
  languageCode: string | undefined;
  /** `startapp=<value>` of the link that opened the app, if any. */
  startParam: string | undefined;
}

/**
 * Reads `Authorization: tma <initData>` and checks Telegram's signature (HMAC-SHA256 keyed by
 * HMAC-SHA256("WebAppData", token)) with the library; undefined for anything not signed by
 * Telegram for this bot, or older than a day by regbot's own clock (the library reads the wall
 * clock, which tests and benchmarks do not run on).
 */
export function authenticate(authorization: string | undefined, token: string, now: number): MiniAppUser | undefined {
  const initData = /^tma (.+)$/.exec(authorization ?? "")?.[1];
  if (initData === undefined) return undefined;
  try {
    validate(initData, token, { expiresIn: 0 });
    const data = parse(initData, true);
    const age = now - data.authDate.getTime();
    if (data.user === undefined || age > MAX_AGE_MS || age < -MAX_AGE_MS) return undefined;
    return { id: data.user.id, languageCode: data.user.languageCode, startParam: data.startParam };
  } catch {
    return undefined;
  }
}

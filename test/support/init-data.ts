import { sign } from "@telegram-apps/init-data-node";
import type { User } from "grammy/types";
import { TOKEN } from "./harness.js";

/** Init data as Telegram signs it for this bot when `user` opens the Mini App at `authDate`. */
export function initDataFor(user: User, authDate: number, startParam?: string, token = TOKEN): string {
  const { id, first_name, last_name, username, language_code } = user;
  return sign(
    {
      user: {
        id,
        first_name,
        ...(last_name === undefined ? {} : { last_name }),
        ...(username === undefined ? {} : { username }),
        ...(language_code === undefined ? {} : { language_code }),
      },
      ...(startParam === undefined ? {} : { start_param: startParam }),
    },
    token,
    new Date(authDate),
  );
}

/**
 * A stateful fake of the Telegram Bot API HTTP server for integration and e2e tests.
 *
 * Point grammY at it with `new Bot(token, { client: { apiRoot: fake.apiRoot } })`.
 * It behaves like Telegram where bots usually get it wrong (offsets, long polling,
 * entities, 403/400/429 answers) and is loud about everything it does not
 * implement: such calls land in `unimplemented`, which tests should assert empty.
 * Its parts, one per family of methods, live in `fake-bot-api/`.
 */
import { FakeTelegram } from "./fake-bot-api/fake-telegram.js";
import type { FakeBotApi, FakeBotApiOptions } from "./fake-bot-api/types.js";

export type * from "./fake-bot-api/types.js";

export async function startFakeBotApi(options: FakeBotApiOptions): Promise<FakeBotApi> {
  const fake = new FakeTelegram(options);
  await fake.listen();
  return fake;
}

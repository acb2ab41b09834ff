import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Repositories } from "../db/repositories.js";
import type { Language, Translate } from "../domain/languages.js";

/** What the Mini App's server reads and acts with: the bot's repositories and translations, no grammY. */
export interface WebAppDeps {
  repositories: Repositories;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
  clock: Clock;
  logger: Logger;
  /** The bot's token: init data is signed with it. */
  token: string;
}

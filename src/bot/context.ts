import type { Context } from "grammy";
import type { I18n, I18nFlavor } from "@grammyjs/i18n";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Language } from "../domain/languages.js";
import type { Repositories } from "../db/repositories.js";
import type { OutboxSender } from "../delivery/outbox-sender.js";
import type { Transcriber } from "../transcription/transcriber.js";
import type { DeclaredCommand } from "./feature.js";
import type { UpdateInbox, UpdateKeyFlavor } from "./inbox/update-inbox.js";
import type { ApiOnFirstUseFlavor } from "./api-on-first-use.js";

/** A `/start <payload>` deep link owned by a feature (setup, export, status…). */
export interface StartRoute {
  prefix: string;
  handle(ctx: BotContext, argument: string): Promise<void>;
}

/** Everything a handler may use: the repositories plus the running services and settings. */
export interface BotDeps extends Omit<Repositories, "runs" | "outbox"> {
  inbox: UpdateInbox;
  /** Everything said in a group goes through here (private replies use ctx.reply, journaled by update: see direct-replies). */
  outbox: OutboxSender;
  i18n: I18n<Context>;
  clock: Clock;
  logger: Logger;
  defaultLanguage: Language;
  defaultTimezone: string;
  startRoutes?: readonly StartRoute[];
  /** What the features answer; the menus list it. */
  commands: readonly DeclaredCommand[];
  /** SHA-256 of the key that signs this deployment's exports, shown to both sides; none without a database file. */
  keyFingerprint?: string | undefined;
  /** The deployment's speech-to-text engine (TRANSCRIBE_URL); chats may turn it on only when there is one. */
  transcriber?: Transcriber | undefined;
  /** The Mini App's URL (WEBAPP_URL); none: no button or link opens it. */
  webAppUrl?: string | undefined;
  /** A group's language answers later (PostgreSQL): it is read before the update is handled, not on the first translation. */
  languageReadFirst?: boolean;
}

/** `logger` logs with the update's key and chat; `deps.logger` is the process's. */
export type BotContext = Context &
  ApiOnFirstUseFlavor &
  I18nFlavor &
  UpdateKeyFlavor & { deps: BotDeps; logger: Logger };

import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Language } from "../domain/languages.js";
import type { ChatRepository } from "../db/chat-repository.js";
import type { CorrespondenceRepository } from "../db/correspondence-repository.js";
import type { PeopleRepository } from "../db/people-repository.js";
import type { RegulationRepository } from "../db/regulation-repository.js";
import type { RolesRepository } from "../db/roles-repository.js";
import type { OutboxSender } from "../delivery/outbox-sender.js";
import type { UpdateInbox } from "./inbox/update-inbox.js";

/** A `/start <payload>` deep link owned by a feature (setup, export, status…). */
export interface StartRoute {
  prefix: string;
  handle(ctx: BotContext, argument: string): Promise<void>;
}

export interface BotDeps {
  correspondence: CorrespondenceRepository;
  chats: ChatRepository;
  inbox: UpdateInbox;
  /** Everything said in a group goes through here (private replies may use ctx.reply). */
  outbox: OutboxSender;
  regulations: RegulationRepository;
  roles: RolesRepository;
  people: PeopleRepository;
  clock: Clock;
  logger: Logger;
  defaultLanguage: Language;
  defaultTimezone: string;
  startRoutes?: readonly StartRoute[];
}

export type BotContext = Context & I18nFlavor & { deps: BotDeps };

import type { ApiClientOptions, Bot } from "grammy";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { ExportDatabase } from "../db/export-snapshot.js";
import type { Repositories } from "../db/repositories.js";
import { OutboxSender } from "../delivery/outbox-sender.js";
import type { RateLimitPolicy } from "../delivery/rate-limits.js";
import type { Language, Translate } from "../domain/languages.js";
import type { JobHandler } from "../scheduler/scheduler.js";
import type { BotContext } from "./context.js";
import { createBot } from "./create-bot.js";
import type { DeclaredCommand } from "./feature.js";
import { createI18n, languageTranslator } from "./middleware/i18n.js";
import { UpdateInbox } from "./inbox/update-inbox.js";
import { requestJobs } from "../scheduler/jobs/request-jobs.js";
import { responseWindowJobs } from "../scheduler/jobs/response-window-jobs.js";
import { revisionJobs } from "../scheduler/jobs/revision-jobs.js";
import { digestJobs } from "../scheduler/jobs/digest-jobs.js";
import { voiceJobs } from "../scheduler/jobs/voice-jobs.js";
import { transcriptionJobs } from "../scheduler/jobs/transcription-jobs.js";
import { telegramFileFetcher } from "./shared/telegram-files.js";
import type { Transcriber } from "../transcription/transcriber.js";
import { checkpointJobs } from "../scheduler/jobs/checkpoint-jobs.js";
import { stageJobs } from "../scheduler/jobs/stage-jobs.js";
import { callJobs } from "../scheduler/jobs/call-jobs.js";
import { managerJobs } from "../scheduler/jobs/manager-jobs.js";
import { ratingJobs } from "../scheduler/jobs/rating-jobs.js";
import { contractEndJobs } from "../scheduler/jobs/contract-end-jobs.js";
import { quietTime } from "../scheduler/jobs/quiet-time.js";
import { coolingPauseJobs } from "../scheduler/jobs/cooling-pause-jobs.js";
import { pauseLapseJobs } from "../scheduler/jobs/pause-lapse-jobs.js";
import { TELEGRAM_UPLOAD_LIMIT } from "../scheduler/jobs/deliver-export.js";
import { ExportDeliveries } from "../scheduler/jobs/export-jobs.js";
import { describeUndelivered } from "../scheduler/jobs/undelivered.js";
import { loadOrCreateDeploymentKey, signingKeyPath } from "../export/deployment-key.js";

export interface BotSettings {
  token: string;
  client?: ApiClientOptions;
  defaultLanguage: Language;
  defaultTimezone: string;
  transcriber?: Transcriber | undefined;
  /** The Mini App's URL, which `/chats` and `/status` open. */
  webAppUrl?: string | undefined;
  /** The database file exports read in a worker of their own (and the signing key lies beside); none where nothing is exported (benchmarks). */
  databasePath?: string;
  /** The bot runs on PostgreSQL: exports read it there, and a group's language is read before its update is handled. */
  postgresUrl?: string;
  /** The signing key's file; beside the database file when not given. */
  signingKeyPath?: string;
  /** Wall-clock time of the outbox's retries and pacing (tests simulate the hour regbot keeps trying). */
  pacing?: Clock;
  /** The largest file Telegram takes from this bot (a test makes it small). */
  uploadLimitBytes?: number;
  /** Telegram's sending limits; tests that do not test pacing lift them. */
  rateLimits: RateLimitPolicy;
}

export interface AssembledBot {
  bot: Bot<BotContext>;
  inbox: UpdateInbox;
  outbox: OutboxSender;
  /** Every kind of time-driven work the bot's features schedule. */
  jobHandlers: JobHandler[];
  translate: Translate;
  /** What the features answer, from which the menus are derived. */
  commands: readonly DeclaredCommand[];
  /** Exports under way, stopped before the database closes. */
  exports: ExportDeliveries;
}

/** The bot with its inbox, outbox sender, translations and job handlers, over the repositories. */
export function assembleBot(
  settings: BotSettings,
  repositories: Repositories,
  clock: Clock,
  logger: Logger,
): AssembledBot {
  const inbox = new UpdateInbox(repositories.correspondence, repositories.handling, clock, logger);
  // The sender is created before the bot it sends through: the call is bound when it happens.
  let bot: Bot<BotContext> | undefined;
  const outbox = new OutboxSender({
    outbox: repositories.outbox,
    chats: repositories.chats,
    api: {
      sendMessage: (...args) => bot!.api.sendMessage(...args),
      editMessageText: (...args) => bot!.api.editMessageText(...args),
    },
    clock,
    logger,
    rateLimits: settings.rateLimits,
    ...(settings.pacing === undefined ? {} : { pacing: settings.pacing }),
    onUndelivered: (row, reason) =>
      describeUndelivered(
        {
          repositories,
          translate,
          defaultLanguage: settings.defaultLanguage,
          defaultTimezone: settings.defaultTimezone,
        },
        row,
        reason,
      ),
  });
  const { defaultLanguage, defaultTimezone, transcriber, webAppUrl } = settings;
  // The parties compare this with the key that signs their exports; it is created with the database.
  const keyPath =
    settings.databasePath === undefined || settings.databasePath === ":memory:"
      ? undefined
      : signingKeyPath(settings.signingKeyPath, settings.databasePath);
  const keyFingerprint = keyPath === undefined ? undefined : loadOrCreateDeploymentKey(keyPath).fingerprint;
  const i18n = createI18n({ defaultLanguage, chats: repositories.chats });
  const created = createBot(
    settings.token,
    {
      ...repositories,
      inbox,
      outbox,
      i18n,
      clock,
      logger,
      defaultLanguage,
      defaultTimezone,
      transcriber,
      keyFingerprint,
      webAppUrl,
      languageReadFirst: settings.postgresUrl !== undefined,
    },
    settings.client,
  );
  bot = created.bot;
  const translate = languageTranslator(i18n);
  const jobDeps = { repositories, translate, defaultLanguage, defaultTimezone, keyFingerprint };
  const fetchFile = telegramFileFetcher(
    bot.api,
    settings.client?.apiRoot ?? "https://api.telegram.org",
    settings.token,
  );
  const jobHandlers = quietTime(jobDeps, [
    ...responseWindowJobs(jobDeps),
    ...requestJobs(jobDeps),
    ...revisionJobs(jobDeps),
    ...voiceJobs(jobDeps),
    ...digestJobs(jobDeps),
    ...checkpointJobs(jobDeps),
    ...stageJobs(jobDeps),
    ...callJobs(jobDeps),
    ...managerJobs(jobDeps),
    ...ratingJobs({ ...jobDeps, wakeOutbox: () => outbox.wake() }),
    ...contractEndJobs(jobDeps),
    ...coolingPauseJobs(jobDeps),
    ...pauseLapseJobs(jobDeps),
    ...transcriptionJobs({ ...jobDeps, transcriber, fetchFile, clock, logger }),
  ]);
  const exports = new ExportDeliveries({
    ...jobDeps,
    api: bot.api,
    clock,
    logger,
    database: exportDatabase(settings),
    signingKeyPath: keyPath,
    uploadLimitBytes: settings.uploadLimitBytes ?? TELEGRAM_UPLOAD_LIMIT,
    botUsername: () => bot!.botInfo.username,
  });
  jobHandlers.push(exports.jobHandler());
  return { bot, inbox, outbox, jobHandlers, translate, commands: created.commands, exports };
}

/** Where an export's worker reads: PostgreSQL when the bot runs there, else the database file if there is one. */
function exportDatabase(settings: BotSettings): ExportDatabase | undefined {
  if (settings.postgresUrl !== undefined) return { postgresUrl: settings.postgresUrl };
  return settings.databasePath === undefined || settings.databasePath === ":memory:"
    ? undefined
    : { sqlitePath: settings.databasePath };
}

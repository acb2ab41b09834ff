import { once } from "node:events";
import { systemClock } from "./clock.js";
import { ConfigError, loadDotEnv, parseConfig, type Config } from "./config.js";
import { TELEGRAM_LIMITS } from "./delivery/rate-limits.js";

/** config → logger → database → bot → polling/webhook; SIGINT/SIGTERM stop it in reverse. */
async function main(): Promise<void> {
  // Listening before start-up, so a stop requested while starting is still a clean stop.
  const stopRequested = Promise.race([once(process, "SIGINT"), once(process, "SIGTERM")]);
  const stopping = new AbortController();
  void stopRequested.then(() => stopping.abort());
  const config = readConfigOrExit();
  // The bot's modules (grammY, the database driver) load once the config is valid: a wrong setting is reported at once.
  const [{ startRegbot, StartCancelled }, { DatabaseLockedError }, { configSecrets, createLogger }] = await Promise.all(
    [import("./app.js"), import("./db/database.js"), import("./logger.js")],
  );
  const logger = createLogger(config.logLevel, configSecrets(config));
  let fatal: (error: unknown) => void = () => undefined;
  const failed = new Promise<unknown>((resolve) => (fatal = resolve));
  const running = await startRegbot(config, {
    clock: systemClock,
    logger,
    rateLimits: TELEGRAM_LIMITS,
    onFatal: (error) => fatal(error),
    stopSignal: stopping.signal,
  }).catch((error: unknown) => {
    if (error instanceof StartCancelled) {
      logger.info("regbot stopped before Telegram answered");
      logger.flush(() => process.exit(0));
      return new Promise<never>(() => undefined);
    }
    if (!(error instanceof DatabaseLockedError)) throw error;
    console.error(`regbot: ${error.message}`);
    process.exit(1);
  });

  // A promise nobody awaited failed (a bug, or a write on a full disk no caller expected): stop in order
  // and record the stop, rather than let Node exit mid-write.
  const unexpected = new Promise<[unknown]>((resolve) => process.on("unhandledRejection", (error) => resolve([error])));
  let exitCode = 0;
  await Promise.race([
    stopRequested,
    unexpected.then(([error]) => {
      logger.fatal({ err: error }, "an unexpected failure; regbot stops in order");
      exitCode = 1;
    }),
    failed.then((error) => {
      logger.fatal({ err: error }, "polling stopped: check BOT_TOKEN and that no other instance uses this bot");
      exitCode = 1;
    }),
  ]);
  await running.stop().catch((error: unknown) => {
    logger.error({ err: error }, "unclean shutdown");
    exitCode = 1;
  });
  logger.flush(() => process.exit(exitCode));
}

function readConfigOrExit(): Config {
  try {
    loadDotEnv();
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`regbot: ${error.message}`);
    process.exit(78);
  }
}

await main();

import { startRegbot } from "./app.js";
import { systemClock } from "./clock.js";
import { ConfigError, loadDotEnv, parseConfig, type Config } from "./config.js";
import { DatabaseLockedError } from "./db/database.js";
import { createLogger } from "./logger.js";

/** config → logger → database → bot → polling/webhook; SIGINT/SIGTERM stop it in reverse. */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);
  let exitCode = 0;
  const running = await startRegbot(config, {
    clock: systemClock,
    logger,
    onFatal: (error) => {
      logger.fatal({ err: error }, "polling stopped: check BOT_TOKEN and that no other instance uses this bot");
      exitCode = 1;
      void shutdown();
    },
  }).catch((error: unknown) => {
    if (error instanceof DatabaseLockedError) {
      console.error(`regbot: ${error.message}`);
      process.exit(1);
    }
    throw error;
  });

  let shuttingDown = false;
  async function shutdown(): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    await running.stop().catch((error: unknown) => {
      logger.error({ err: error }, "unclean shutdown");
      exitCode = 1;
    });
    logger.flush(() => process.exit(exitCode));
  }
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
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

import { execSync } from "node:child_process";

/**
 * Type-checks and builds everything once per run, incrementally (nothing to do when `npm ci` or
 * `npm start` built it already): end-to-end and CLI tests start the built bot.
 */
export default function buildTheBot(): void {
  execSync("npm run build --silent", { stdio: "inherit" });
}

import { execSync } from "node:child_process";

/** End-to-end and CLI tests start the built bot, so every test run builds it first. */
export default function buildTheBot(): void {
  execSync("npm run build --silent", { stdio: "inherit" });
}

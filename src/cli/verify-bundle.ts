import { existsSync, statSync } from "node:fs";
import * as checker from "../bundle/verify.mjs";

/**
 * `npm run verify-bundle -- <folder>`: the checks of a bundle's own verify.mjs, run from this
 * installation's copy (a tampered verify.mjs cannot vouch for itself). Exit 0 verified, 1 not, 2 usage.
 */
async function main(): Promise<number> {
  const { folder, held } = checker.parseCommandLine(process.argv.slice(2));
  if (folder === undefined || !existsSync(folder) || !statSync(folder).isDirectory()) {
    console.error(
      "verify-bundle: give the unpacked bundle's folder\nusage: npm run verify-bundle -- <folder> [--checkpoint <size>:<root> ...]",
    );
    return 2;
  }
  return checker.main(folder, console.log, held);
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`verify-bundle: ${error instanceof Error ? error.message : String(error)}`);
  return 2;
});

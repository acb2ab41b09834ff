import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Finds a folder shipped at the project's top level (migrations, locales), whether the code
 * runs from `src/` under the test runner or from `dist/src/` as the built bot.
 */
export function findProjectFolder(name: string, marker: string): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = join(directory, name);
    if (existsSync(join(candidate, marker))) return candidate;
    directory = dirname(directory);
  }
  throw new Error(`the ${name} folder was not found next to the regbot installation`);
}

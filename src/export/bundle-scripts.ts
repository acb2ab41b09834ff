import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The checker shipped in every bundle: verify.mjs and the modules it shares with the exporter
 * (src/bundle), as their sources when the installation has them (the image copies src/bundle),
 * or as built beside this module.
 */
export function bundleScripts(): Array<{ name: string; text: string }> {
  const folder = scriptsFolder();
  return readdirSync(folder)
    .filter((name) => name.endsWith(".mjs"))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(folder, name), "utf8") }));
}

function scriptsFolder(): string {
  const built = fileURLToPath(new URL("../bundle/", import.meta.url));
  const distFolder = dirname(dirname(built));
  const sources = join(dirname(distFolder), "src", "bundle");
  if (basename(distFolder) === "dist" && existsSync(join(sources, "verify.mjs"))) return sources;
  if (existsSync(join(built, "verify.mjs"))) return built;
  throw new Error("the bundle's checker (src/bundle/verify.mjs) is missing from this installation");
}

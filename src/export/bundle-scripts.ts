import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The checker shipped in every bundle: verify.mjs, the modules it shares with the exporter and
 * VERIFY.md, as their sources in src/bundle (the image copies that folder beside dist/).
 */
export function bundleScripts(): Array<{ name: string; text: string }> {
  const folder = sourcesFolder();
  return readdirSync(folder)
    .filter((name) => name.endsWith(".mjs") || name === "VERIFY.md")
    .sort()
    .map((name) => ({ name, text: readFileSync(join(folder, name), "utf8") }));
}

function sourcesFolder(): string {
  const beside = fileURLToPath(new URL("../bundle/", import.meta.url));
  // Built, this module runs from dist/src/export; the sources are the project's src/bundle.
  const dist = dirname(dirname(beside));
  const folder = basename(dist) === "dist" ? join(dirname(dist), "src", "bundle") : beside;
  if (!existsSync(join(folder, "verify.mjs")))
    throw new Error(`the bundle's checker is missing from this installation: ${join(folder, "verify.mjs")}`);
  return folder;
}

// @ts-check
/**
 * Derives a bundle's readable files again from its log and compares them with the files, byte
 * for byte (each file read and hashed once). verify.mjs runs this in a thread of its own while
 * it walks the chain, so the two take about the time of the longer.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { eachLine, ExpectedFile, kindOf } from "./lines.mjs";
import { isMessageKind } from "./message-view.mjs";
import { BundleViews, DOCUMENTS, PREPARED_KINDS, STREAMED_VIEWS } from "./views.mjs";

/** @typedef {{ name: string, sha256?: string, differsAt?: number, missing?: boolean }} ViewVerdict */

const PREPARED = new Set(PREPARED_KINDS);

/**
 * @param {string} folder
 * @param {import("./views.mjs").BundleFacts} facts
 * @param {string} merkleRoot the exported events' root, as manifest.json gives it (checked apart)
 * @param {boolean} withContext whether the bundle has context.jsonl
 * @returns {ViewVerdict[]}
 */
export function checkViews(folder, facts, merkleRoot, withContext) {
  const views = new BundleViews(facts);
  const events = join(folder, "events.jsonl");
  eachLine(events, (line) => {
    if (line === null) return false;
    const kind = kindOf(line);
    // Only the lines pass 1 reads are parsed: edits, reactions and the first message.
    if (kind === undefined || PREPARED.has(kind) || (!views.sawMessage && isMessageKind(kind))) views.prepare(line.toString("utf8"));
    return true;
  }, false);
  if (withContext) eachLine(join(folder, "context.jsonl"), (line) => (line === null ? false : views.context(line.toString("utf8"))), false);
  const verdicts = [];
  const streamed = STREAMED_VIEWS.map((name) => expected(folder, name));
  const [json, html] = streamed;
  const start = views.start();
  json?.file?.push(start.json);
  html?.file?.push(start.html);
  eachLine(events, (line) => {
    if (line === null) return false;
    const pieces = views.render(line.toString("utf8"));
    json?.file?.push(pieces.json);
    html?.file?.push(pieces.html);
    return true;
  }, false);
  const end = views.finish(merkleRoot);
  json?.file?.push(end.json);
  html?.file?.push(end.html);
  for (const view of streamed) verdicts.push(verdictOf(view));
  DOCUMENTS.forEach((name, index) => {
    const document = expected(folder, name);
    document.file?.push(/** @type {string} */ (end.documents[index]));
    verdicts.push(verdictOf(document));
  });
  return verdicts;
}

/** @param {string} folder @param {string} name */
function expected(folder, name) {
  const path = join(folder, name);
  return { name, file: existsSync(path) ? new ExpectedFile(path) : undefined };
}

/** @param {{ name: string, file: ExpectedFile | undefined }} view @returns {ViewVerdict} */
function verdictOf({ name, file }) {
  return file === undefined ? { name, missing: true } : { name, ...file.end() };
}

if (!isMainThread && workerData?.role === "regbot-views") {
  const { folder, facts, merkleRoot, withContext } = workerData;
  try {
    parentPort?.postMessage({ verdicts: checkViews(folder, facts, merkleRoot, withContext) });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

// @ts-check
/**
 * Derives a bundle's readable files again from its log and compares them with the files, byte
 * for byte, while another thread does the hashing. Each line is parsed once for both views.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { eachLine, ExpectedFile, kindOf } from "./lines.mjs";
import { isMessageKind } from "./message-view.mjs";
import { BundleViews, DOCUMENTS, PREPARED_KINDS } from "./views.mjs";

/** @typedef {{ name: string, same?: boolean, differsAt?: number, missing?: boolean }} ViewVerdict */

const PREPARED = new Set(PREPARED_KINDS);

/** The readable files of one part, derived line by line and compared as they come. */
export class ViewsCheck {
  /**
   * Reads what the derivation needs before the exported lines: pass 1 over events.jsonl (only
   * edits, reactions and the first message are parsed) and context.jsonl.
   * @param {string} folder
   * @param {import("./views.mjs").BundleFacts} facts
   * @param {boolean} withContext whether the bundle has context.jsonl
   * @param {"json" | "html" | "all"} part result.json with the JSON documents, messages.html, or all of them
   */
  constructor(folder, facts, withContext, part) {
    this.folder = folder;
    this.part = part;
    this.views = new BundleViews(facts, { json: part !== "html", html: part !== "json" });
    const views = this.views;
    eachLine(
      join(folder, "events.jsonl"),
      (line) => {
        if (line === null) return false;
        const kind = kindOf(line);
        if (kind === undefined || PREPARED.has(kind) || (!views.sawMessage && isMessageKind(kind)))
          views.prepare(line.toString("utf8"));
        return true;
      },
      false,
    );
    if (withContext)
      eachLine(
        join(folder, "context.jsonl"),
        (line) => (line === null ? false : views.context(line.toString("utf8"))),
        false,
      );
    this.json = part === "html" ? undefined : expected(folder, "result.json");
    this.html = part === "json" ? undefined : expected(folder, "messages.html");
    const start = views.start();
    this.json?.file?.push(start.json);
    this.html?.file?.push(start.html);
  }

  /** Pass 2: the next exported line. @param {Buffer} line */
  render(line) {
    const pieces = this.views.render(line.toString("utf8"));
    this.json?.file?.push(pieces.json);
    this.html?.file?.push(pieces.html);
  }

  /** @param {string} merkleRoot the exported events' root, as manifest.json gives it (checked apart) @returns {ViewVerdict[]} */
  finish(merkleRoot) {
    const end = this.views.finish(merkleRoot);
    this.json?.file?.push(end.json);
    this.html?.file?.push(end.html);
    const verdicts = [this.json, this.html].flatMap((view) => (view === undefined ? [] : [verdictOf(view)]));
    if (this.part !== "html") {
      for (const [index, name] of DOCUMENTS.entries()) {
        const document = expected(this.folder, name);
        document.file?.push(/** @type {string} */ (end.documents[index]));
        verdicts.push(verdictOf(document));
      }
    }
    return verdicts;
  }
}

/** One part on its own: both passes over events.jsonl. @param {ConstructorParameters<typeof ViewsCheck>} args @param {string} merkleRoot */
export function checkViews(args, merkleRoot) {
  const check = new ViewsCheck(...args);
  eachLine(
    join(args[0], "events.jsonl"),
    (line) => {
      if (line === null) return false;
      check.render(line);
      return true;
    },
    false,
  );
  return check.finish(merkleRoot);
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

import { hash } from "node:crypto";
import type { ExportReader } from "../db/export-reader.js";
import { MerkleAccumulator } from "../domain/merkle.js";
import { CONTEXT_KINDS } from "../bundle/documents.mjs";
import { BundleViews, PREPARED_KINDS, type BundleFacts } from "../bundle/views.mjs";
import { stagedFile, type MeasuredFile, type StagedTarget } from "./staged-file.js";

/**
 * result.json, messages.html and the JSON documents, rendered from the stored lines alone by the
 * same module the bundle's verify.mjs derives them with, apart from the copy of the log itself
 * so another thread can do it meanwhile.
 */
export interface ViewsTask {
  chatId: number;
  facts: BundleFacts;
  /** The exported events: seq in [first, last]. */
  first: number;
  last: number;
  /** Where to write STREAMED_VIEWS, in that order. */
  targets: StagedTarget[];
}

export interface RenderedViews {
  streamed: MeasuredFile[];
  /** DOCUMENTS' text, in that order. */
  documents: string[];
}

export async function writeReadableViews(exports: ExportReader, task: ViewsTask): Promise<RenderedViews> {
  const views = new BundleViews(task.facts);
  for await (const page of exports.linesOfKinds(task.chatId, task.first, task.last, PREPARED_KINDS))
    for (const line of page) views.prepare(line);
  for (const { line } of await exports.contextEvents(task.chatId, task.first, CONTEXT_KINDS)) views.context(line);
  const [json, html] = task.targets.map(stagedFile) as [ReturnType<typeof stagedFile>, ReturnType<typeof stagedFile>];
  const start = views.start();
  await json.write(start.json);
  await html.write(start.html);
  // The page's footer names the exported events' root, which this thread computes on its own.
  const tree = new MerkleAccumulator();
  for await (const page of exports.linePages(task.chatId, task.first, task.last)) {
    const jsonPieces: string[] = [];
    const htmlPieces: string[] = [];
    for (const line of page) {
      tree.add(hash("sha256", line, "buffer"));
      const pieces = views.render(line);
      jsonPieces.push(pieces.json);
      htmlPieces.push(pieces.html);
    }
    await json.write(jsonPieces.join(""));
    await html.write(htmlPieces.join(""));
  }
  const end = views.finish(tree.root().toString("hex"));
  await json.write(end.json);
  await html.write(end.html);
  return { streamed: [await json.end(), await html.end()], documents: end.documents };
}

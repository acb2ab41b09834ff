import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BATCH_BYTES, discardStaged, type MeasuredFile, type StagedTarget } from "./staged-file.js";
import { ZipWriter } from "./zip-writer.js";

export type Chunks = AsyncIterable<string | Buffer> | Iterable<string | Buffer>;

/** Where a bundle's files go, one after another: a ZIP file or a plain folder. */
export interface BundleSink {
  /** Writes one file and returns the SHA-256 (hex) of its bytes. */
  add(name: string, chunks: Chunks): Promise<string>;
  /** Where another thread is to write these files while this one writes others. */
  stage(names: readonly string[]): StagedTarget[];
  /** Takes staged files in, each as its writer measured it. */
  adopt(targets: readonly StagedTarget[], measured: readonly MeasuredFile[]): Promise<void>;
  close(): Promise<void>;
  /** Removes what was written, so a failed export leaves nothing that looks like a bundle. */
  abort(): Promise<void>;
}

/**
 * The files sit in one folder inside the zip, named like the zip: unpacking it beside the zip
 * (or among other files) gives a folder that holds the bundle and nothing else.
 */
export function zipSink(path: string, modified = new Date()): BundleSink {
  const zip = new ZipWriter(createWriteStream(path), modified);
  const folder = `${basename(path).replace(/\.zip$/i, "") || "bundle"}/`;
  // A ZIP holds one entry after another: staged files are deflated beside it and copied in later.
  const staged: StagedTarget[] = [];
  return {
    async add(name, chunks) {
      const hash = createHash("sha256");
      await zip.add(folder + name, hashing(chunks, hash));
      return hash.digest("hex");
    },
    stage(names) {
      const targets = names.map((name, index) => ({
        name,
        path: `${path}.${staged.length + index + 1}.staged`,
        deflate: true,
      }));
      staged.push(...targets);
      return targets;
    },
    async adopt(targets, measured) {
      for (const [index, target] of targets.entries()) {
        await zip.addDeflated(folder + target.name, measured[index]!, createReadStream(target.path));
        discardStaged([target]);
      }
    },
    close: () => zip.finish(),
    async abort() {
      await zip.abort();
      discardStaged(staged);
      rmSync(path, { force: true });
    },
  };
}

export function folderSink(directory: string): BundleSink {
  mkdirSync(directory, { recursive: true });
  return {
    async add(name, chunks) {
      const hash = createHash("sha256");
      await pipeline(Readable.from(hashing(chunks, hash)), createWriteStream(join(directory, name)));
      return hash.digest("hex");
    },
    stage: (names) => names.map((name) => ({ name, path: join(directory, name), deflate: false })),
    // Written in place already.
    adopt: async () => undefined,
    close: async () => undefined,
    abort: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

async function* hashing(chunks: Chunks, hash: Hash): AsyncGenerator<Buffer> {
  let batch: string[] = [];
  let batched = 0;
  const flush = () => {
    const bytes = Buffer.from(batch.join(""), "utf8");
    batch = [];
    batched = 0;
    hash.update(bytes);
    return bytes;
  };
  for await (const chunk of chunks) {
    if (typeof chunk !== "string") {
      if (batched > 0) yield flush();
      hash.update(chunk);
      yield chunk;
      continue;
    }
    batch.push(chunk);
    batched += chunk.length;
    if (batched >= BATCH_BYTES) yield flush();
  }
  if (batched > 0) yield flush();
}

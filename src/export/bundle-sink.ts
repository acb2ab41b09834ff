import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ZipWriter } from "./zip-writer.js";

export type Chunks = AsyncIterable<string | Buffer> | Iterable<string | Buffer>;

/** Where a bundle's files go, one after another: a ZIP file or a plain folder. */
export interface BundleSink {
  /** Writes one file and returns the SHA-256 (hex) of its bytes. */
  add(name: string, chunks: Chunks): Promise<string>;
  close(): Promise<void>;
  /** Removes what was written, so a failed export leaves nothing that looks like a bundle. */
  abort(): Promise<void>;
}

export function zipSink(path: string, modified = new Date()): BundleSink {
  const zip = new ZipWriter(createWriteStream(path), modified);
  return {
    async add(name, chunks) {
      const hash = createHash("sha256");
      await zip.add(name, hashing(chunks, hash));
      return hash.digest("hex");
    },
    close: () => zip.finish(),
    async abort() {
      await zip.abort();
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
    close: async () => undefined,
    abort: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** Many small pieces (one per event) go out in 64 KiB batches: zlib and the disk work per call, not per byte. */
const BATCH_BYTES = 64 * 1024;

async function* hashing(chunks: Chunks, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  let batch: Buffer[] = [];
  let batched = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    if (bytes.length === 0) continue;
    hash.update(bytes);
    batch.push(bytes);
    batched += bytes.length;
    if (batched >= BATCH_BYTES) {
      yield Buffer.concat(batch);
      batch = [];
      batched = 0;
    }
  }
  if (batched > 0) yield Buffer.concat(batch);
}

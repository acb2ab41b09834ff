import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdirSync, rmSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, deflater, ZipWriter } from "./zip-writer.js";

export type Chunks = AsyncIterable<string | Buffer> | Iterable<string | Buffer>;

/** Where a bundle's files go, one after another: a ZIP file or a plain folder. */
export interface BundleSink {
  /** Writes one file and returns the SHA-256 (hex) of its bytes. */
  add(name: string, chunks: Chunks): Promise<string>;
  /**
   * Writes several files from one pass over their pieces (each item holds the next piece of
   * every file, in the order of `names`) and returns their SHA-256s in that order.
   */
  addTogether(names: readonly string[], pieces: AsyncIterable<readonly string[]>): Promise<string[]>;
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
    // A ZIP holds one entry after another: the first file goes straight in, the others are
    // deflated beside the archive meanwhile and copied in after it.
    async addTogether(names, pieces) {
      const [first, ...others] = names;
      const staged = others.map((_, index) => new StagedEntry(`${path}.${index + 1}.staged`));
      async function* firstFile(): AsyncGenerator<string> {
        for await (const piece of pieces) {
          for (const [index, entry] of staged.entries()) await entry.write(piece[index + 1]!);
          yield piece[0]!;
        }
      }
      try {
        const hash = createHash("sha256");
        await zip.add(first!, hashing(firstFile(), hash));
        const sums = [hash.digest("hex")];
        for (const [index, entry] of staged.entries()) {
          const measured = await entry.end();
          await zip.addDeflated(others[index]!, measured, createReadStream(entry.path));
          sums.push(measured.sha256);
        }
        return sums;
      } finally {
        await Promise.all(staged.map((entry) => entry.discard()));
      }
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
    async addTogether(names, pieces) {
      const files = names.map((name) => new BatchedFile(createWriteStream(join(directory, name))));
      for await (const piece of pieces) {
        for (const [index, file] of files.entries()) await file.write(piece[index]!);
      }
      return Promise.all(files.map(async (file) => (await file.end()).sha256));
    },
    close: async () => undefined,
    abort: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** Many small pieces (one per event) go out in 64 KiB batches: hashing, zlib and the disk work per call, not per piece. */
const BATCH_BYTES = 64 * 1024;

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

/** One file written piece by piece, in batches, with its SHA-256, CRC-32 and size on the way. */
class BatchedFile {
  private readonly hash = createHash("sha256");
  private crc = 0;
  private size = 0;
  private batch: string[] = [];
  private batched = 0;

  /** `finished` settles when everything written has reached its destination (or failed to). */
  constructor(
    private readonly out: Writable,
    private readonly finished: Promise<unknown> = once(out, "finish"),
  ) {
    // A failure is reported by the next write or by end(), not as an unhandled rejection.
    finished.catch(() => undefined);
  }

  async write(piece: string): Promise<void> {
    if (piece === "") return;
    this.batch.push(piece);
    this.batched += piece.length;
    if (this.batched >= BATCH_BYTES) await this.flush();
  }

  async end(): Promise<{ sha256: string; crc: number; size: number }> {
    await this.flush();
    this.out.end();
    await this.finished;
    return { sha256: this.hash.digest("hex"), crc: this.crc, size: this.size };
  }

  private async flush(): Promise<void> {
    if (this.batched === 0) return;
    const bytes = Buffer.from(this.batch.join(""), "utf8");
    this.batch = [];
    this.batched = 0;
    this.hash.update(bytes);
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    // A failure downstream settles `finished` instead of ever draining.
    if (!this.out.write(bytes)) await Promise.race([once(this.out, "drain"), this.finished]);
  }
}

/** A ZIP entry deflated into a file of its own until the archive can take it. */
class StagedEntry extends BatchedFile {
  private readonly file: WriteStream;

  constructor(readonly path: string) {
    const deflate = deflater();
    const file = createWriteStream(path);
    super(deflate, pipeline(deflate, file));
    this.file = file;
  }

  async discard(): Promise<void> {
    if (!this.file.closed) {
      const closed = once(this.file, "close");
      this.file.destroy();
      await closed;
    }
    rmSync(this.path, { force: true });
  }
}

import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, rmSync } from "node:fs";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, deflater } from "./zip-writer.js";

/** Where another thread writes one of a bundle's files before the bundle takes it in. */
export interface StagedTarget {
  /** The file's name in the bundle. */
  name: string;
  path: string;
  /** Deflated for a ZIP entry, plain for a folder. */
  deflate: boolean;
}

/** What the bundle needs to know of a file written elsewhere. */
export interface MeasuredFile {
  sha256: string;
  crc: number;
  size: number;
}

/** Many small pieces (one per event) go out in 64 KiB batches: hashing, zlib and the disk work per call, not per piece. */
export const BATCH_BYTES = 64 * 1024;

/** One file written piece by piece, in batches, with its SHA-256, CRC-32 and size on the way. */
export class BatchedFile {
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

  async end(): Promise<MeasuredFile> {
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

/** Opens a staged target for writing. */
export function stagedFile(target: StagedTarget): BatchedFile {
  const file = createWriteStream(target.path);
  if (!target.deflate) return new BatchedFile(file);
  const deflate = deflater();
  return new BatchedFile(deflate, pipeline(deflate, file));
}

export function discardStaged(targets: readonly StagedTarget[]): void {
  for (const target of targets) rmSync(target.path, { force: true });
}

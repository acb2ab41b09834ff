import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createInflateRaw } from "node:zlib";

/** Unpacks a ZIP file entry by entry through its central directory, streaming, so a large bundle never sits in memory. */
export async function unzip(path: string, folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const descriptor = openSync(path, "r");
  try {
    const size = statSync(path).size;
    const tail = read(descriptor, Math.max(0, size - 22), Math.min(size, 22));
    if (tail.readUInt32LE(0) !== 0x06054b50)
      throw new Error(`${path}: no end of central directory record (a comment after it is not supported)`);
    const count = tail.readUInt16LE(10);
    const directory = read(descriptor, tail.readUInt32LE(16), tail.readUInt32LE(12));
    const names: string[] = [];
    let position = 0;
    for (let index = 0; index < count; index += 1) {
      const method = directory.readUInt16LE(position + 10);
      const compressedSize = directory.readUInt32LE(position + 20);
      const nameLength = directory.readUInt16LE(position + 28);
      const offset = directory.readUInt32LE(position + 42);
      const name = directory.subarray(position + 46, position + 46 + nameLength).toString("utf8");
      position += 46 + nameLength + directory.readUInt16LE(position + 30) + directory.readUInt16LE(position + 32);
      const local = read(descriptor, offset, 30);
      const start = offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const data = createReadStream(path, { start, end: start + compressedSize - 1 });
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      const target = createWriteStream(join(folder, name));
      await (method === 8 ? pipeline(data, createInflateRaw(), target) : pipeline(data, target));
      names.push(name);
    }
    return names;
  } finally {
    closeSync(descriptor);
  }
}

function read(descriptor: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  readSync(descriptor, buffer, 0, length, position);
  return buffer;
}

import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

/** Reads a ZIP file's entries through its central directory (stored or deflated), so tests need no `unzip`. */
export function readZip(path: string): Map<string, Buffer> {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("no end of central directory record");
  const count = zip.readUInt16LE(end + 10);
  let position = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(position) !== 0x02014b50) throw new Error(`bad central directory entry ${index}`);
    const method = zip.readUInt16LE(position + 10);
    const compressedSize = zip.readUInt32LE(position + 20);
    const nameLength = zip.readUInt16LE(position + 28);
    const extraLength = zip.readUInt16LE(position + 30);
    const commentLength = zip.readUInt16LE(position + 32);
    const offset = zip.readUInt32LE(position + 42);
    const name = zip.subarray(position + 46, position + 46 + nameLength).toString("utf8");
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    position += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** A bundle's files by name, from the one folder that holds them inside its zip. */
export function readBundleZip(path: string): Map<string, Buffer> {
  const entries = [...readZip(path)];
  const folders = new Set(entries.map(([name]) => name.split("/")[0]));
  if (folders.size !== 1 || entries.some(([name]) => name.split("/").length !== 2))
    throw new Error(`the bundle's files are not in one folder: ${entries.map(([name]) => name).join(", ")}`);
  return new Map(entries.map(([name, bytes]) => [name.split("/")[1]!, bytes]));
}

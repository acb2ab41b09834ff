import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { findProjectFolder } from "../project-files.js";

export interface StaticFile {
  body: Buffer;
  gzipped: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** The built front end (`dist/webapp`), read once: a few small files, served from memory and gzipped once. */
export function loadFrontEnd(basePath: string): { index: StaticFile; assets: ReadonlyMap<string, StaticFile> } {
  let folder: string;
  try {
    folder = findProjectFolder("dist/webapp", "index.html");
  } catch {
    throw new Error("the Mini App's front end is not built (dist/webapp): run npm run build, or unset WEBAPP_URL");
  }
  const file = (body: Buffer, name: string): StaticFile => ({
    body,
    gzipped: gzipSync(body),
    contentType: CONTENT_TYPES[extname(name)] ?? "application/octet-stream",
  });
  // Built with relative asset paths; the page is served at the base path with or without its slash.
  const html = readFileSync(join(folder, "index.html"), "utf8").replaceAll('"./assets/', `"${basePath}/assets/`);
  const assets = new Map(
    readdirSync(join(folder, "assets")).map((name) => [name, file(readFileSync(join(folder, "assets", name)), name)]),
  );
  return { index: file(Buffer.from(html), "index.html"), assets };
}

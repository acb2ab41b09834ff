/** The HTTP side of a Bot API request: which route it asks for, and its params from the URL and the body. */
import type { IncomingMessage } from "node:http";
import { type ApiFailure, badRequest, type Params } from "./api.js";
import { UploadedFile } from "./params.js";

/** `/file/bot<token>/<file_path>` → its parts. */
export function parseFileRoute(url: string): { token: string; filePath: string } | undefined {
  const match = /^\/file\/bot([^/]+)\/([^?]+)/.exec(url);
  return match
    ? { token: decodeURIComponent(match[1] ?? ""), filePath: decodeURIComponent(match[2] ?? "") }
    : undefined;
}

/** `/bot<token>/<method>` → its parts. */
export function parseRoute(url: string): { token: string; method: string } | undefined {
  const match = /^\/bot([^/]+)\/([^/?]+)/.exec(url);
  return match ? { token: decodeURIComponent(match[1] ?? ""), method: match[2] ?? "" } : undefined;
}

/** Reads params from the query string and a JSON, form-urlencoded or multipart body. */
export function parseParams(request: IncomingMessage, body: Buffer): { params: Params; failure?: ApiFailure } {
  const query: Params = Object.fromEntries(new URL(request.url ?? "/", "http://fake").searchParams);
  if (body.length === 0) return { params: query };
  const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType === "multipart/form-data") {
    const boundary = /boundary="?([^";]+)"?/i.exec(request.headers["content-type"] ?? "")?.[1];
    const parts = boundary === undefined ? undefined : multipartParts(body, boundary);
    if (parts === undefined) return { params: query, failure: badRequest("can't parse multipart/form-data body") };
    return { params: { ...query, ...parts } };
  }
  if (contentType === "application/x-www-form-urlencoded") {
    return { params: { ...query, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) } };
  }
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return { params: { ...query, ...parsed } };
  } catch {
    // fall through to the failure below
  }
  return { params: query, failure: badRequest("can't parse request JSON object") };
}

/**
 * The fields of a multipart/form-data body (RFC 7578): text parts as strings, file parts (those
 * with a filename, quoted or not, as grammY writes it) as UploadedFile. Undefined when malformed.
 */
function multipartParts(body: Buffer, boundary: string): Params | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const params: Params = {};
  let position = body.indexOf(delimiter);
  if (position < 0) return undefined;
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === "--") return params;
    const headersEnd = body.indexOf("\r\n\r\n", position);
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headersEnd);
    if (headersEnd < 0 || next < 0) return undefined;
    const headers = body.subarray(position, headersEnd).toString("utf8");
    const disposition = /content-disposition:\s*form-data(.*)/i.exec(headers)?.[1] ?? "";
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const data = body.subarray(headersEnd + 4, next);
    const fileName = /;\s*filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(disposition);
    params[name] = fileName
      ? new UploadedFile(fileName[1] ?? fileName[2]!.trim(), Buffer.from(data))
      : data.toString("utf8");
    position = next + 2;
  }
}

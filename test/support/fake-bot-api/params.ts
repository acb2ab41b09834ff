/**
 * Reading method params: they arrive as JSON values or, from form bodies and query strings, as
 * strings; files from multipart bodies.
 */
import { badRequest, type Params } from "./api.js";

/** A file part of a multipart/form-data request. */
export class UploadedFile {
  constructor(
    readonly fileName: string,
    readonly bytes: Buffer,
  ) {}
}

/** A file given directly under the parameter's name, or as `attach://<part name>` like InputMedia does. */
export function fileParam(params: Params, name: string): UploadedFile | string | undefined {
  const value = params[name];
  if (value instanceof UploadedFile) return value;
  if (typeof value !== "string") return undefined;
  const attached = /^attach:\/\/(.+)$/.exec(value);
  if (!attached) return value;
  const file = params[attached[1]!];
  if (!(file instanceof UploadedFile)) throw badRequest(`can't find attached file "${attached[1]}"`);
  return file;
}

export function integerParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) throw badRequest(`field "${name}" must be an Integer`);
  return number;
}

export function numberParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || Number.isNaN(number)) throw badRequest(`field "${name}" must be a Number`);
  return number;
}

export function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value === "number") return String(value);
  return typeof value === "string" ? value : undefined;
}

export function booleanParam(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === "true" || value === "1";
}

export function jsonParam(params: Params, name: string): unknown {
  const value = params[name];
  if (typeof value !== "string") return value ?? undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(`can't parse ${name} JSON object`);
  }
}

/** JSON with sorted keys, so structurally equal values compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** Files Telegram stores for the bot: getFile, and the download URL it gives. */
import type { ServerResponse } from "node:http";
import type { File as TelegramFile } from "grammy/types";
import { badRequest, type Methods, type Params } from "./api.js";
import { stringParam } from "./params.js";
import type { FakeFile } from "./types.js";

/** Bots may download files of up to 20 MB. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export class FileStore {
  /** Paths of the files the bot downloaded, in order. */
  readonly downloads: string[] = [];
  private readonly files = new Map<string, FakeFile>();

  readonly methods: Methods = {
    getFile: (params) => this.getFile(params),
  };

  constructor(private readonly token: string) {}

  store(file: FakeFile): void {
    this.files.set(file.fileId, file);
  }

  /** Like Telegram's file server: the bytes, or a bare 404 for a wrong token or an unknown path. */
  serve(route: { token: string; filePath: string }, response: ServerResponse): void {
    const file = [...this.files.values()].find((stored) => stored.filePath === route.filePath);
    if (route.token !== this.token || file === undefined || !Buffer.isBuffer(file.contents)) {
      const json = JSON.stringify({ ok: false, error_code: 404, description: "Not Found" });
      response.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
      response.end(json);
      return;
    }
    this.downloads.push(route.filePath);
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.contents.length });
    response.end(file.contents);
  }

  private getFile(params: Params): TelegramFile {
    const fileId = stringParam(params, "file_id");
    const file = fileId === undefined ? undefined : this.files.get(fileId);
    if (file === undefined) throw badRequest("invalid file_id");
    const size = Buffer.isBuffer(file.contents) ? file.contents.length : file.contents.size;
    if (size > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId ?? `unique-${file.fileId}`,
      file_size: size,
      file_path: file.filePath,
    };
  }
}

import type { Api } from "grammy";
import { BOT_DOWNLOAD_LIMIT_BYTES, isDownloadable } from "../../domain/voice/voice-rules.js";

export interface DownloadedFile {
  bytes: Uint8Array;
  /** Telegram's path of the file, e.g. `voice/file_12.oga`. */
  filePath: string;
}

/** Downloads a file a message carries, by its file_id; throws when Telegram will not hand it over. */
export type FetchTelegramFile = (fileId: string, signal: AbortSignal) => Promise<DownloadedFile>;

/** Why a file could not be downloaded; never carries the download URL, which holds the bot's token. */
export class FileDownloadError extends Error {
  override readonly name = "FileDownloadError";
}

/**
 * getFile, then `<apiRoot>/file/bot<token>/<file_path>` (the same API root as every other call,
 * so a self-hosted Bot API server serves the files too).
 */
export function telegramFileFetcher(api: Pick<Api, "getFile">, apiRoot: string, token: string): FetchTelegramFile {
  return async (fileId, signal) => {
    // grammY types its signal after the abort-controller polyfill; Node's own AbortSignal is what it uses at run time.
    const file = await api.getFile(fileId, signal as unknown as Parameters<Api["getFile"]>[1]);
    if (file.file_path === undefined) throw new FileDownloadError("Telegram gave no path for the file");
    if (!isDownloadable(file.file_size))
      throw new FileDownloadError(`the file has ${file.file_size} bytes, over the bots' limit`);
    const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`, { signal });
    if (!response.ok) throw new FileDownloadError(`the download answered HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > BOT_DOWNLOAD_LIMIT_BYTES)
      throw new FileDownloadError(`the download has ${bytes.byteLength} bytes, over the bots' limit`);
    return { bytes, filePath: file.file_path };
  };
}

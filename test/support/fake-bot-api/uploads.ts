/** Documents the bot uploads: a new multipart file, or one uploaded before, sent again by its file_id. */
import type { Message } from "grammy/types";
import { badRequest, tooLarge, type Params } from "./api.js";
import { fileParam } from "./params.js";

export interface Upload {
  document: NonNullable<Message["document"]>;
  bytes: Buffer;
}

export class Uploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly maxUploadBytes: number,
    private readonly unimplemented: string[],
  ) {}

  /** The document of a sendDocument request. */
  documentOf(params: Params): Upload {
    const file = fileParam(params, "document");
    if (file === undefined || file === "") throw badRequest("there is no document in the request");
    if (typeof file === "string") {
      if (/^https?:\/\//i.test(file)) {
        this.unimplemented.push("sendDocument(document=URL)");
        throw badRequest("documents by URL are not implemented by the fake Bot API");
      }
      const known = this.uploads.get(file);
      if (!known) throw badRequest("wrong file identifier/HTTP URL specified");
      return known;
    }
    if (file.bytes.length === 0) throw badRequest("file must be non-empty");
    if (file.bytes.length > this.maxUploadBytes) throw tooLarge();
    const id = this.uploads.size + 1;
    const document = {
      file_name: file.fileName,
      mime_type: file.fileName.toLowerCase().endsWith(".zip") ? "application/zip" : "application/octet-stream",
      file_id: `BQACAgIAAxkDAAI${id}`,
      file_unique_id: `AgAD${id}`,
      file_size: file.bytes.length,
    };
    const upload = { document, bytes: file.bytes };
    this.uploads.set(document.file_id, upload);
    return upload;
  }
}

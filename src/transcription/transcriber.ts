import type { TranscriptionConfig } from "../config.js";

/** Audio as downloaded, named so the engine can tell its format. */
export interface Audio {
  bytes: Uint8Array;
  fileName: string;
}

/** A speech-to-text engine; `engine` and `model` say in the record who made a transcript. */
export interface Transcriber {
  /** The engine's host, e.g. `api.openai.com`: where the audio goes. */
  readonly engine: string;
  readonly model: string;
  /** How long regbot waits for one transcript, the download from Telegram included. */
  readonly timeoutMs: number;
  /** The recognised text; throws when the engine fails, answers nonsense or `signal` aborts. */
  transcribe(audio: Audio, signal: AbortSignal): Promise<string>;
  /** Resolves when the engine answers at all (it lists its models); throws otherwise. Sends no audio. */
  probe(signal: AbortSignal): Promise<void>;
}

/** Why an engine's answer was not a transcript; says nothing of the audio or the text. */
export class TranscriptionError extends Error {
  override readonly name = "TranscriptionError";
}

/**
 * A client of the OpenAI-compatible `POST /v1/audio/transcriptions` API, spoken by OpenAI,
 * faster-whisper-server (speaches) and LocalAI: a multipart upload, answered with `{"text": …}`.
 */
export function openAiTranscriber(config: TranscriptionConfig): Transcriber {
  return {
    engine: config.url.host,
    model: config.model,
    timeoutMs: config.timeoutSeconds * 1000,
    async transcribe(audio, signal) {
      const form = new FormData();
      form.append("file", new Blob([audio.bytes]), audio.fileName);
      form.append("model", config.model);
      form.append("response_format", "json");
      const headers: Record<string, string> =
        config.apiKey === undefined ? {} : { authorization: `Bearer ${config.apiKey}` };
      const response = await fetch(config.url, { method: "POST", body: form, headers, signal });
      if (!response.ok) throw new TranscriptionError(`the engine answered HTTP ${response.status}`);
      const answer = (await response.json().catch(() => undefined)) as { text?: unknown } | undefined;
      if (typeof answer?.text !== "string") throw new TranscriptionError("the engine's answer has no text");
      return answer.text.trim();
    },
    async probe(signal) {
      // The API's model list sits beside its transcriptions: `/v1/audio/transcriptions` → `/v1/models`.
      const models = new URL("../models", config.url);
      const headers: Record<string, string> =
        config.apiKey === undefined ? {} : { authorization: `Bearer ${config.apiKey}` };
      const response = await fetch(models, { headers, signal });
      await response.body?.cancel();
      if (!response.ok) throw new TranscriptionError(`the engine answered HTTP ${response.status}`);
    },
  };
}

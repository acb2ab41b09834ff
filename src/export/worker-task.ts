import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parentPort, Worker } from "node:worker_threads";
import { findProjectFolder } from "../project-files.js";

/**
 * A piece of an export run in a worker thread of its own: the bot's event loop never waits for
 * it, and its heap is capped so a runaway export fails alone instead of taking the bot with it.
 */
export function runInWorker<Result>(
  script: string,
  data: unknown,
  heapLimitMb: number,
  signal?: AbortSignal,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    // The young generation is capped too: by default each thread's may take 48 MB, and an export holds only a page of events at a time.
    const resourceLimits = { maxOldGenerationSizeMb: heapLimitMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
    const worker = new Worker(workerFile(script), { workerData: data, resourceLimits });
    const stop = () => void worker.terminate();
    signal?.addEventListener("abort", stop, { once: true });
    let answer: { result?: Result; error?: string } | undefined;
    worker.once("message", (message: typeof answer) => (answer = message));
    worker.once("error", reject);
    worker.once("exit", () => {
      signal?.removeEventListener("abort", stop);
      if (answer !== undefined && "result" in answer) resolve(answer.result as Result);
      else
        reject(
          new Error(
            signal?.aborted ? `${script} was stopped` : (answer?.error ?? `${script} exited without an answer`),
          ),
        );
    });
  });
}

const YOUNG_GENERATION_MB = 24;

/** The worker's side of `runInWorker`: reports what the work gives, or why it failed. */
export async function answerParent(work: () => Promise<unknown>): Promise<void> {
  try {
    parentPort!.postMessage({ result: await work() });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

/** A worker runs compiled JavaScript: beside this file when built, from dist/ under the test runner. */
function workerFile(script: string): URL {
  const beside = new URL(`./${script}`, import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return pathToFileURL(join(findProjectFolder("dist", `src/export/${script}`), "src/export", script));
}

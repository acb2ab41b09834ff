import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

export interface BotProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
}

/** Starts the built bot (`node dist/src/main.js`) as a separate process, as a user would. */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["dist/src/main.js"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  return { child, output: () => output, exited };
}

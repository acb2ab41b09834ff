import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execute = promisify(execFile);

/** A built CLI run as an operator runs it: its exit code and what it printed. */
export async function cli(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  // Nothing of the test runner's own environment names a database.
  const { DATABASE_URL: _url, DATABASE_PATH: _path, SIGNING_KEY_PATH: _key, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await execute(process.execPath, [`dist/src/cli/${script}.js`, ...args], {
      env: { ...inherited, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

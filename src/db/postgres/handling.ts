import type { Handling } from "../handling.js";

/**
 * PostgreSQL's handling: no transaction spans a handling, each repository call commits on its
 * own (those that must be atomic open one of their own), so there is never anything to commit
 * around a call to Telegram. Handlings still run one after another in this process, as on SQLite.
 */
export class PostgresHandling implements Handling {
  private previous: Promise<unknown> = Promise.resolve();

  async around<T>(work: () => Promise<T>, committed: () => void = () => undefined): Promise<T> {
    const turn = this.previous.then(async () => {
      const result = await work();
      committed();
      return result;
    });
    this.previous = turn.catch(() => undefined);
    return turn;
  }

  async outside<T>(call: () => Promise<T>): Promise<T> {
    return call();
  }

  release(): void {}

  async idle(): Promise<void> {}
}

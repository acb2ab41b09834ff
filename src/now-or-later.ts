/** What a repository answers: at once on SQLite (better-sqlite3 is synchronous), later on PostgreSQL. */
export type NowOrLater<T> = T | Promise<T>;

/**
 * `next(value)` at once when the value is already there, or once it is: a caller inside SQLite's
 * synchronous transaction (a job's `recordWith`) stays synchronous, while PostgreSQL's waits.
 */
export function whenAnswered<T, R>(value: NowOrLater<T>, next: (value: T) => NowOrLater<R>): NowOrLater<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

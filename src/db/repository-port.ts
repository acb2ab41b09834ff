/**
 * What code outside `src/db/` may call on a repository, whichever database is behind it: its
 * public methods but the `Internal` ones (those other repositories call inside their own
 * transaction), each answering now or later. SQLite's repositories answer some calls at once
 * (better-sqlite3 is synchronous); PostgreSQL's answer every call with a promise. Callers await.
 */
export type RepositoryPort<Repository, Internal extends keyof Repository = never> = {
  [Member in Exclude<keyof Repository, Internal>]: Repository[Member] extends (...args: infer A) => infer R
    ? // Not distributed over a union: `A | undefined` may come as `Promise<A | undefined>`.
      (...args: A) => [R] extends [PromiseLike<unknown> | AsyncIterable<unknown>] ? R : R | Promise<R>
    : Repository[Member];
};

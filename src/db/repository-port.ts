/**
 * What code outside `src/db/` may call on a repository, whichever database is behind it: its
 * public methods but the `Internal` ones (those other repositories call inside their own
 * transaction), each answering now or later. SQLite's repositories answer some calls at once
 * (better-sqlite3 is synchronous); PostgreSQL's answer every call with a promise. Callers await.
 * A method that already answers with a promise keeps its signature, type parameters included.
 */
export type RepositoryPort<Repository, Internal extends keyof Repository = never> = {
  [Member in Exclude<keyof Repository, Internal>]: Repository[Member] extends (
    ...args: never[]
  ) => PromiseLike<unknown> | AsyncIterable<unknown>
    ? Repository[Member]
    : Repository[Member] extends (...args: infer A) => infer R
      ? (...args: A) => R | Promise<R>
      : Repository[Member];
};

import type { Composer, Context, Middleware } from "grammy";
import { FlatComposer } from "./flat-composer.js";

/**
 * grammY's `filter` (which `on` and `chatType` use), checked synchronously: an update the
 * predicate rejects costs one call, where `filter` costs a chain of async calls and a new
 * composer for every update. Most of a group's traffic is rejected by most features.
 */
export function narrow<C extends Context, D extends C>(
  composer: Composer<C>,
  predicate: (ctx: C) => ctx is D,
  ...middleware: Array<Middleware<D>>
): Composer<D>;
export function narrow<C extends Context>(
  composer: Composer<C>,
  predicate: (ctx: C) => boolean,
  ...middleware: Array<Middleware<C>>
): Composer<C>;
export function narrow<C extends Context>(
  composer: Composer<C>,
  predicate: (ctx: C) => boolean,
  ...middleware: Array<Middleware<C>>
): Composer<C> {
  const narrowed = new FlatComposer<C>(...middleware);
  composer.use((ctx, next) => (predicate(ctx) ? narrowed.middleware()(ctx, next) : next()));
  return narrowed;
}

import { Composer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from "grammy";

/**
 * A Composer whose layers run as one flat sequence. grammY's own wraps every `use` around all
 * the layers before it (two async calls and their promises per layer, for every update): with
 * the features every group message walks through, that was about a third of all the memory the
 * stack allocated per message, and its collection. Every method of Composer (`on`, `command`,
 * `filter`…) installs through `use`, so it behaves as grammY's: layers in order, each `next`
 * once, what a layer throws reaching the bot's error handler.
 */
export class FlatComposer<C extends Context> extends Composer<C> {
  readonly #layers: Array<Middleware<C>>;
  #handler: MiddlewareFn<C> | undefined;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    this.#layers = middleware;
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FlatComposer<C>(...middleware);
    this.#layers.push(composer);
    this.#handler = undefined;
    return composer;
  }

  override middleware(): MiddlewareFn<C> {
    // What `use` wraps is mostly one function: it runs as itself, its caller's sequence guarding `next`.
    const [only] = this.#layers;
    this.#handler ??= this.#layers.length === 1 && typeof only === "function" ? only : inSequence([...this.#layers]);
    return this.#handler;
  }
}

function inSequence<C extends Context>(layers: ReadonlyArray<Middleware<C>>): MiddlewareFn<C> {
  return (ctx, next) => {
    const from = (index: number): Promise<void> => {
      if (index === layers.length) return next();
      const layer = layers[index]!;
      let nextCalled = false;
      const after: NextFunction = () => {
        if (nextCalled) return Promise.reject(new Error("`next` already called before!"));
        nextCalled = true;
        return from(index + 1);
      };
      try {
        // A layer still being added to (a narrowed feature's) is read as it is now.
        const handler = typeof layer === "function" ? layer : layer.middleware();
        return Promise.resolve(handler(ctx, after)) as Promise<void>;
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return from(0);
  };
}

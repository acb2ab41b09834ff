/** Runs tasks one after another in arrival order (webhook updates keep their order). */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  /** `onError` hears of a task that threw; the tasks behind it run all the same. */
  constructor(private readonly onError: (error: unknown) => void) {}

  enqueue(task: () => Promise<void>): void {
    this.tail = this.tail.then(task).catch(this.onError);
  }

  idle(): Promise<void> {
    return this.tail;
  }
}

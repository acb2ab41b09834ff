/** Runs tasks one after another in arrival order (webhook updates keep their order). */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  enqueue(task: () => Promise<void>): void {
    this.tail = this.tail.then(task);
  }

  idle(): Promise<void> {
    return this.tail;
  }
}

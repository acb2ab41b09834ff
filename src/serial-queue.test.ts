import { describe, expect, it } from "vitest";
import { SerialQueue } from "./serial-queue.js";

describe("a serial queue", () => {
  it("goes on with the next task after one throws, reporting the error instead of rejecting", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const errors: unknown[] = [];
      const ran: string[] = [];
      const queue = new SerialQueue((error) => errors.push(error));
      queue.enqueue(async () => void ran.push("first"));
      queue.enqueue(async () => {
        ran.push("second");
        throw new Error("disk trouble");
      });
      queue.enqueue(async () => void ran.push("third"));
      await queue.idle();
      queue.enqueue(async () => void ran.push("fourth"));
      await queue.idle();
      // Unhandled rejections are reported after a macrotask.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(ran).toEqual(["first", "second", "third", "fourth"]);
      expect(errors).toEqual([new Error("disk trouble")]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

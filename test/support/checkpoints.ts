/** A daily checkpoint, in any of regbot's languages (they have their own tests in checkpoints.test.ts). */
const CHECKPOINT = /^(Checkpoint|Punto de control|Контрольная точка): /;

/** What a scheduler tick said besides the daily checkpoint, for scenarios about other reminders. */
export function withoutCheckpoints(texts: readonly string[]): string[] {
  return texts.filter((text) => !CHECKPOINT.test(text));
}

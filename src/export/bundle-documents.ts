import type { ExportedCheckpoint } from "../db/export-reader.js";

/** checkpoints.json: the consistency proofs of the checkpoints posted in the chat, which verify.mjs checks one by one. */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function checkpointsDocument(checkpoints: readonly ExportedCheckpoint[], proofFrom: (size: number) => string[]) {
  return {
    checkpoints: checkpoints.map((checkpoint) => ({
      seq: checkpoint.seq,
      recorded_at: iso(checkpoint.recordedAt),
      size: checkpoint.size,
      root: checkpoint.root,
      posted: checkpoint.posted && { message_id: checkpoint.posted.messageId, at: iso(checkpoint.posted.at) },
      proof: proofFrom(checkpoint.size),
    })),
    note:
      "Every checkpoint regbot recorded in the chat's log up to this export, also outside its period; posted null means its message never reached the chat. " +
      "A checkpoint covers the log's first size events; proof is the RFC 6962 consistency proof from that tree to the whole log in manifest.json (log). " +
      "Each checkpoint message in the chat ends with the line size:root; compare it with this list.",
  };
}

import type { Transformer } from "grammy";
import type { Clock } from "../../clock.js";
import type { CorrespondenceRepository } from "../../db/correspondence-repository.js";
import { describeSent } from "./describe-sent.js";

/** Adds every message regbot sends or edits in a group to that group's correspondence log. */
export function recordOutgoing(correspondence: CorrespondenceRepository, clock: Clock): Transformer {
  return async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (response.ok) {
      const drafts = describeSent(method, response.result);
      if (drafts.length > 0) await correspondence.append(drafts, clock());
    }
    return response;
  };
}

import type { DateRange } from "../calendar/calendar-spec.js";
import type { Language } from "../languages.js";
import { parseDateRange } from "./dates.js";
import { parsed, refused, type ParseResult } from "./setting-error.js";
import { spellsWord, vocabularyOf } from "./vocabulary.js";

/** The contract's period, and the clause regbot quotes when a deadline slips. */
export interface Contract {
  period: DateRange;
  clause?: string;
}

const PERIOD_THEN_CLAUSE = /^([\d-]+\s*(?:\.\.|[–—])\s*[\d-]+)(?:\s+([\s\S]*))?$/;

/** `2026-12-01..2027-02-28 If information is late, work pauses (clause 5.2).`, or `none` / `-` (`нет`, `ninguno`). */
export function parseContract(text: string): ParseResult<Contract | null> {
  const trimmed = text.trim();
  if (spellsWord(trimmed, "none")) return parsed(null);
  const shapeRefusal = refused("regulation-error-contract-syntax", { value: trimmed });
  const match = PERIOD_THEN_CLAUSE.exec(trimmed);
  if (match === null) return shapeRefusal;
  const period = parseDateRange(match[1]!, shapeRefusal);
  if (!period.ok) return period;
  // The setting is shown on one line, so a clause typed over several lines is joined.
  const clause = (match[2] ?? "").replace(/\s+/g, " ").trim();
  return parsed(clause === "" ? { period: period.value } : { period: period.value, clause });
}

export function formatContract(contract: Contract | null, language?: Language): string {
  if (contract === null) return vocabularyOf(language).none;
  const period = `${contract.period.from}..${contract.period.to}`;
  return contract.clause === undefined ? period : `${period} ${contract.clause}`;
}

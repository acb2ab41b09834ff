import type { Language } from "../languages.js";
import { parsed, refused, type ParseResult } from "../regulation/setting-error.js";
import { spellsWord, vocabularyOf } from "../regulation/vocabulary.js";

/** What the contract is worth, the base of a penalty in percent. */
export interface ContractSum {
  amount: number;
  /** ISO 4217, e.g. EUR. */
  currency: string;
}

/** The contract's terms for a late stage: "10% of the contract sum plus 2% per day late", at most `capPercent`. */
export interface PenaltyRule {
  fixedPercent: number;
  perDayPercent: number;
  /** How the contract counts the days late. */
  days: "business" | "calendar";
  capPercent?: number;
  /** The clause regbot quotes with each penalty, e.g. "clause 7.1". */
  clause?: string;
}

/** Whether the contract allows something (publishing the case, involving third parties); `ask`: only with the client's written consent. */
export type Permission = "yes" | "no" | "ask";
export const PERMISSIONS: readonly Permission[] = ["yes", "no", "ask"];

/** `none`, `-`, `нет`, `ninguno`. */
const isNone = (text: string) => spellsWord(text, "none");

const CURRENCY_SYMBOLS: Record<string, string> = { "€": "EUR", $: "USD", "₽": "RUB", "£": "GBP", РУБ: "RUB", Р: "RUB" };
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** `3000 EUR`, `3 000 €`, `EUR 3,000.50`, `none`. */
export function parseContractSum(text: string): ParseResult<ContractSum | null> {
  if (isNone(text)) return parsed(null);
  const refusal = refused("regulation-error-contract-sum-syntax", { value: text.trim() });
  const compact = text.trim().replace(/[\s\u00a0\u202f']+/g, "");
  const match = /^(?:([^\d.,]+)([\d.,]+)|([\d.,]+)([^\d.,]+))$/u.exec(compact);
  if (match === null) return refusal;
  const currency = currencyCode(match[1] ?? match[4] ?? "");
  const amount = readAmount(match[2] ?? match[3] ?? "");
  if (currency === undefined || amount === undefined || amount <= 0) return refusal;
  return parsed({ amount, currency });
}

export function formatContractSum(sum: ContractSum | null, language?: Language): string {
  return sum === null ? vocabularyOf(language).none : `${sum.amount} ${sum.currency}`;
}

function currencyCode(text: string): string | undefined {
  const upper = text.toUpperCase().replace(/\.$/, "");
  const code = CURRENCY_SYMBOLS[upper] ?? upper;
  return KNOWN_CURRENCIES.has(code) ? code : undefined;
}

/**
 * `3000`, `3,000.50`, `3.000,50`, `3,5`. With both marks the last one is the decimal point; with
 * one kind, used once and followed by exactly three digits, it groups thousands (3.000 is 3000).
 */
export function readAmount(text: string): number | undefined {
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return undefined;
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  let decimalAt = Math.max(lastDot, lastComma);
  if (lastDot === -1 || lastComma === -1) {
    const mark = text[decimalAt];
    const uses = mark === undefined ? 0 : text.split(mark).length - 1;
    if (uses > 1 || text.length - decimalAt - 1 === 3) decimalAt = -1;
  }
  const groups = (decimalAt === -1 ? text : text.slice(0, decimalAt)).split(/[.,]/);
  if (groups.length > 1 && (groups[0]!.length > 3 || groups.slice(1).some((group) => group.length !== 3)))
    return undefined;
  const whole = groups.join("");
  const fraction = decimalAt === -1 ? "" : text.slice(decimalAt + 1);
  if (/[.,]/.test(fraction) || fraction.length > 2) return undefined;
  const amount = Number(fraction === "" ? whole : `${whole}.${fraction}`);
  return Number.isFinite(amount) ? amount : undefined;
}

const NUMBER = String.raw`(\d{1,4}(?:[.,]\d{1,2})?)`;
const FIXED = new RegExp(String.raw`^${NUMBER}\s*%`, "u");
const PER_DAY = new RegExp(
  String.raw`^\+?\s*${NUMBER}\s*%\s*(?:\/|per\s+|в\s+|за\s+|por\s+)(?:day|d|день|дн|día|dia)\.?(?=\s|$)`,
  "iu",
);
const DAYS =
  /^(business|calendar|рабоч\p{L}*|календарн\p{L}*|hábil\p{L}*|habil\p{L}*|natural\p{L}*)(?:\s+(?:days|дн\p{L}*|días|dias))?(?=\s|$)/iu;
const CAP = new RegExp(String.raw`^(?:max|cap|макс\p{L}*|máx\p{L}*|max\p{L}*)\.?\s*${NUMBER}\s*%`, "iu");

/** `10% + 2%/day business max 30% clause 7.1`, `2%/day calendar`, `none`; days are business days unless it says calendar. */
export function parsePenaltyRule(text: string): ParseResult<PenaltyRule | null> {
  if (isNone(text)) return parsed(null);
  const refusal = refused("regulation-error-penalty-syntax", { value: text.trim() });
  let rest = text.trim().replace(/\s+/g, " ");
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(rest);
    if (match !== null) rest = rest.slice(match[0].length).trim();
    return match;
  };
  const perDayFirst = take(PER_DAY);
  const fixed = perDayFirst === null ? take(FIXED) : null;
  const perDay = perDayFirst ?? (fixed === null ? null : take(PER_DAY));
  if (fixed === null && perDay === null) return refusal;
  const days = take(DAYS);
  const cap = take(CAP);
  const perDayPercent = percentOf(perDay?.[1]);
  const rule: PenaltyRule = {
    fixedPercent: percentOf(fixed?.[1]),
    perDayPercent,
    // Days count only when something is charged per day.
    days:
      perDayPercent > 0 && days !== null && !/^(business|рабоч|hábil|habil)/iu.test(days[1]!) ? "calendar" : "business",
    ...(cap === null ? {} : { capPercent: percentOf(cap[1]) }),
    ...(rest === "" ? {} : { clause: rest }),
  };
  if (rule.fixedPercent + rule.perDayPercent === 0 || rule.capPercent === 0) return refusal;
  return parsed(rule);
}

/** `10% + 2%/day business max 30% clause 7.1` (`10% + 2% в день рабочих макс. 30% …` in Russian). */
export function formatPenaltyRule(rule: PenaltyRule | null, language?: Language): string {
  const { none, penalty: words } = vocabularyOf(language);
  if (rule === null) return none;
  const parts = [
    ...(rule.fixedPercent > 0 ? [`${rule.fixedPercent}%`] : []),
    ...(rule.perDayPercent > 0
      ? [`${rule.fixedPercent > 0 ? "+ " : ""}${rule.perDayPercent}%${words.perDay} ${words[rule.days]}`]
      : []),
    ...(rule.capPercent === undefined ? [] : [`${words.max} ${rule.capPercent}%`]),
    ...(rule.clause === undefined ? [] : [rule.clause]),
  ];
  return parts.join(" ");
}

function percentOf(text: string | undefined): number {
  return text === undefined ? 0 : Number(text.replace(",", "."));
}

/** The contract's clause on missed calls, quoted when a call is missed; `none` when it has none. */
export function parseClause(text: string): ParseResult<string | null> {
  const clause = text.replace(/\s+/g, " ").trim();
  return parsed(isNone(clause) ? null : clause);
}

export function formatClause(clause: string | null, language?: Language): string {
  return clause ?? vocabularyOf(language).none;
}

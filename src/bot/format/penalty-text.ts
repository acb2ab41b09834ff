import type { LatePenalty } from "../../domain/contract/penalty.js";
import type { Language } from "../../domain/languages.js";

type T = (key: string, variables?: Record<string, string | number>) => string;

/** "10% + 3 × 2% = 16% of 3,000 EUR = 480 EUR": how the contract's penalty was counted, in the chat's language. */
export function penaltyFormula(t: T, language: Language, penalty: LatePenalty): string {
  const percent = (value: number) =>
    new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 }).format(value / 100);
  const parts = [
    ...(penalty.fixedPercent > 0 ? [percent(penalty.fixedPercent)] : []),
    ...(penalty.perDayPercent > 0 ? [`${penalty.daysLate} × ${percent(penalty.perDayPercent)}`] : []),
  ];
  const counted =
    parts.length > 1 || penalty.perDayPercent > 0
      ? `${parts.join(" + ")} = ${percent(penalty.countedPercent)}`
      : parts.join("");
  const share =
    penalty.percent < penalty.countedPercent
      ? t("penalty-capped", { counted, cap: percent(penalty.percent) })
      : counted;
  if (penalty.amount === undefined || penalty.sum === undefined || penalty.currency === undefined)
    return t("penalty-of-contract-sum", { share });
  const money = (value: number) =>
    new Intl.NumberFormat(language, {
      style: "currency",
      currency: penalty.currency!,
      trailingZeroDisplay: "stripIfInteger",
    }).format(value);
  return t("penalty-of-sum", { share, sum: money(penalty.sum), amount: money(penalty.amount) });
}

/** One line that states the penalty (`penalty-stated`) or what has accrued so far (`penalty-accrued`), with the clause. */
export function penaltyLine(
  t: T,
  language: Language,
  penalty: LatePenalty,
  key: "penalty-stated" | "penalty-accrued",
): string {
  const variables = { days: penalty.daysLate, unit: penalty.days, formula: penaltyFormula(t, language, penalty) };
  return penalty.clause === undefined
    ? t(key, variables)
    : t(`${key}-clause`, { ...variables, clause: penalty.clause });
}

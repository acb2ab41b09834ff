import { type Language, SUPPORTED_LANGUAGES } from "../languages.js";

/** The words a setting's value is written with; English is the canonical spelling stored and logged. */
export interface Vocabulary {
  /** Monday first. */
  days: readonly [string, string, string, string, string, string, string];
  off: string;
  on: string;
  none: string;
  nudge: string;
  general: string;
  yes: string;
  no: string;
  ask: string;
  /** How a penalty rule is written: `2%/day business max 30%`. */
  penalty: { perDay: string; business: string; calendar: string; max: string };
  /** Units of a duration and what separates an amount from its unit (`2h`, `2 ч`). */
  units: { days: string; hours: string; minutes: string; gap: string };
}

/** The single-word values a setting may take, by their canonical (English) spelling. */
export type ValueWord = "off" | "on" | "none" | "nudge" | "general" | "yes" | "no" | "ask";

const VOCABULARIES: Record<Language, Vocabulary> = {
  en: {
    days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    off: "off",
    on: "on",
    none: "none",
    nudge: "nudge",
    general: "general",
    yes: "yes",
    no: "no",
    ask: "ask",
    penalty: { perDay: "/day", business: "business", calendar: "calendar", max: "max" },
    units: { days: "d", hours: "h", minutes: "m", gap: "" },
  },
  ru: {
    days: ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
    off: "выкл",
    on: "вкл",
    none: "нет",
    nudge: "напоминать",
    general: "общая",
    yes: "да",
    no: "нет",
    ask: "спросить",
    penalty: { perDay: " в день", business: "рабочих", calendar: "календарных", max: "макс." },
    units: { days: "дн", hours: "ч", minutes: "мин", gap: " " },
  },
  es: {
    days: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
    off: "no",
    on: "sí",
    none: "ninguno",
    nudge: "recordar",
    general: "general",
    yes: "sí",
    no: "no",
    ask: "consultar",
    penalty: { perDay: " por día", business: "hábil", calendar: "natural", max: "máx." },
    units: { days: "d", hours: "h", minutes: "min", gap: " " },
  },
};

/** Other spellings people type for the same words, lower case, besides each vocabulary's own. */
const MORE_SPELLINGS: Record<ValueWord, readonly string[]> = {
  off: ["выключено", "нет", "desactivado", "apagado"],
  on: ["включено", "да", "si", "activado"],
  none: ["-", "никаких", "ninguna", "nada"],
  nudge: ["просить", "напомнить", "pedir"],
  general: ["общий", "основная"],
  yes: ["si"],
  no: [],
  ask: ["спрашивать", "preguntar"],
};

/** Duration units as typed in any of the languages, lower case, with the canonical unit they stand for. */
const UNIT_SPELLINGS: ReadonlyArray<[RegExp, "d" | "h" | "m"]> = [
  [/(дней|дня|день|дн|д|días|dias|día|dia)\.?/gu, "d"],
  [/(часов|часа|час|ч|horas|hora|hrs|hr)\.?/gu, "h"],
  [/(минуты|минута|минут|мин|м|minutos|minuto|mins|min)\.?/gu, "m"],
];

export function vocabularyOf(language: Language = "en"): Vocabulary {
  return VOCABULARIES[language];
}

/** Whether a text spells the value word in any language (`выкл`, `No` and `off` all spell off). */
export function spellsWord(text: string, word: ValueWord): boolean {
  const wanted = text.normalize("NFC").trim().toLowerCase();
  return (
    SUPPORTED_LANGUAGES.some((language) => VOCABULARIES[language][word].toLowerCase() === wanted) ||
    MORE_SPELLINGS[word].includes(wanted)
  );
}

/** `2 ч 30 мин`, `3 дня`, `1 hora` → `2h30m`, `3d`, `1h`: units of any language in the canonical letters. */
export function canonicalUnits(text: string): string {
  let canonical = text.normalize("NFC").toLowerCase();
  for (const [spelling, unit] of UNIT_SPELLINGS) canonical = canonical.replace(spelling, unit);
  return canonical;
}

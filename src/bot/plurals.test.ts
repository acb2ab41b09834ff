import { readdirSync, readFileSync } from "node:fs";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "../domain/languages.js";

/** The counts read from Fluent's own parse; its runtime tree is not exported as types. */
type Element =
  | string
  | {
      type: string;
      name?: string;
      selector?: Element;
      variants?: Array<{ key: unknown; value: Pattern }>;
      args?: Element[];
    };
type Pattern = string | Element[];

const LOCALES = new URL("../../locales/", import.meta.url);
const SAMPLE_COUNTS = [0, 1, 2, 5, 21];

/**
 * Messages with a number of things in them, and the variables holding those numbers. Besides
 * these, any variable some language already chooses a plural form by counts everywhere.
 */
const COUNTS: Record<string, readonly string[]> = {
  "call-confirmed": ["minutes"],
  "call-reminder": ["minutes"],
  checkpoint: ["events"],
  "export-caption": ["events"],
  "export-parts-join": ["parts", "events"],
  "export-too-large": ["max"],
  "plan-title": ["total"],
  "status-plan": ["total"],
  "status-plan-current": ["total"],
  "plan-done-late": ["days"],
  "request-provided-late": ["days"],
  "role-username-shared": ["count"],
  "status-period": ["opened", "onTime", "breached"],
  "digest-period": ["opened", "onTime", "breached"],
  "status-median": ["minutes"],
  "chats-breached": ["count"],
  "status-voices": ["count"],
  "digest-settled-request": ["late"],
  "digest-client-record": ["provided", "onTime", "late", "days"],
  "digest-chart-title": ["agreed"],
  "setup-intro": ["count"],
  "voice-reminder": ["count"],
  "voice-reminder-in-group": ["count"],
};

function messagesOf(language: string): Map<string, Pattern> {
  const messages = new Map<string, Pattern>();
  for (const file of readdirSync(new URL(`${language}/`, LOCALES))) {
    const resource = new FluentResource(readFileSync(new URL(`${language}/${file}`, LOCALES), "utf8"));
    for (const message of resource.body as unknown as Array<{ id: string; value: Pattern | null }>) {
      if (message.value !== null) messages.set(message.id, message.value);
    }
  }
  return messages;
}

/** Every variable placed in a pattern, with the variables whose value chooses the variant it sits in. */
function placements(
  pattern: Pattern | Element,
  chosenBy: ReadonlySet<string> = new Set(),
): Array<{ name: string; chosenBy: ReadonlySet<string> }> {
  if (typeof pattern === "string") return [];
  if (Array.isArray(pattern)) return pattern.flatMap((element) => placements(element, chosenBy));
  if (pattern.type === "var") return [{ name: pattern.name!, chosenBy }];
  if (pattern.type === "select") {
    const selector = pattern.selector!;
    const inner =
      typeof selector !== "string" && selector.type === "var" ? new Set([...chosenBy, selector.name!]) : chosenBy;
    return [
      ...placements(selector, chosenBy).map((placed) => ({ ...placed, chosenBy: inner })),
      ...pattern.variants!.flatMap((variant) => placements(variant.value, inner)),
    ];
  }
  return (pattern.args ?? []).flatMap((argument) => placements(argument, chosenBy));
}

/** The exact numbers some variant is for, as `[0]` in `{ $late -> [0] on time … }`. */
function numberKeys(pattern: Pattern | Element): Set<number> {
  if (typeof pattern === "string") return new Set();
  if (Array.isArray(pattern)) return new Set(pattern.flatMap((element) => [...numberKeys(element)]));
  if (pattern.type !== "select") return new Set();
  const own = pattern.variants!.flatMap((variant) => {
    const key = variant.key as { type?: string; value?: number };
    return key.type === "num" && key.value !== undefined ? [key.value] : [];
  });
  return new Set([...own, ...pattern.variants!.flatMap((variant) => [...numberKeys(variant.value)])]);
}

/** Variables some language selects a plural category by (`[one]`, `[few]`…), message by message. */
function pluralSelectors(messages: Map<string, Pattern>): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const visit = (id: string, pattern: Pattern | Element): void => {
    if (typeof pattern === "string") return;
    if (Array.isArray(pattern)) {
      for (const element of pattern) visit(id, element);
      return;
    }
    if (pattern.type !== "select") return;
    const keys = pattern.variants!.map(
      (variant) =>
        (variant.key as { value?: unknown; name?: unknown }).name ?? (variant.key as { value?: unknown }).value,
    );
    const selector = pattern.selector!;
    if (
      typeof selector !== "string" &&
      selector.type === "var" &&
      keys.some((key) => ["one", "few", "many"].includes(String(key)))
    )
      found.push([id, selector.name!]);
    for (const variant of pattern.variants!) visit(id, variant.value);
  };
  for (const [id, pattern] of messages) visit(id, pattern);
  return found;
}

const MESSAGES = new Map(SUPPORTED_LANGUAGES.map((language) => [language, messagesOf(language)]));
const COUNTED = new Map<string, Set<string>>(Object.entries(COUNTS).map(([id, names]) => [id, new Set(names)]));
for (const messages of MESSAGES.values())
  for (const [id, name] of pluralSelectors(messages)) COUNTED.set(id, new Set([...(COUNTED.get(id) ?? []), name]));

describe.each(SUPPORTED_LANGUAGES)("counts in %s", (language) => {
  const messages = MESSAGES.get(language)!;
  const bundle = new FluentBundle(language, { useIsolating: false });
  for (const file of readdirSync(new URL(`${language}/`, LOCALES))) {
    bundle.addResource(new FluentResource(readFileSync(new URL(`${language}/${file}`, LOCALES), "utf8")));
  }
  const plurals = new Intl.PluralRules(language);

  it.each(
    [...COUNTED].map(([id, names]) => [id, [...names]] as const),
  )("%s shows %j in the plural form of the number", (id, names) => {
    const pattern = messages.get(id);
    if (pattern === undefined) throw new Error(`${id} is missing in ${language}`);
    const placed = placements(pattern);
    const chosen = new Set(placed.flatMap((placement) => [...placement.chosenBy]));
    for (const name of names) {
      expect(
        placed.some((placement) => placement.name === name),
        `${id} uses $${name}`,
      ).toBe(true);
      expect(chosen.has(name), `${id}: the words around $${name} are chosen by its plural category`).toBe(true);
    }
    const exactNumbers = numberKeys(pattern);

    // Numbers of one plural category read alike, whatever the number.
    const textsByCategory = new Map<string, Set<string>>();
    for (const count of SAMPLE_COUNTS) {
      const values = Object.fromEntries(placed.map(({ name }) => [name, names.includes(name) ? count : "x"]));
      const errors: Error[] = [];
      const text = bundle.formatPattern(bundle.getMessage(id)!.value!, values, errors);
      expect(errors, `${id} with ${count}`).toEqual([]);
      // A variant for an exact number (`[0] on time`) stands apart from the rest of its category.
      const category = exactNumbers.has(count) ? `=${count}` : plurals.select(count);
      const shape = text.replace(new RegExp(`(?<![\\d.,])${count}(?![\\d])`, "g"), "#");
      textsByCategory.set(category, new Set([...(textsByCategory.get(category) ?? []), shape]));
    }
    for (const [category, texts] of textsByCategory) expect([...texts], `${id}, ${category} numbers`).toHaveLength(1);
  });
});

/** English, Russian (nominative and genitive) and Spanish month names and abbreviations, lower case. */
const NAMES: readonly (readonly string[])[] = [
  ["jan", "january", "январь", "января", "янв", "enero", "ene"],
  ["feb", "february", "февраль", "февраля", "фев", "febrero"],
  ["mar", "march", "март", "марта", "мар", "marzo"],
  ["apr", "april", "апрель", "апреля", "апр", "abril", "abr"],
  ["may", "май", "мая", "mayo"],
  ["jun", "june", "июнь", "июня", "июн", "junio"],
  ["jul", "july", "июль", "июля", "июл", "julio"],
  ["aug", "august", "август", "августа", "авг", "agosto", "ago"],
  ["sep", "sept", "september", "сентябрь", "сентября", "сен", "сент", "septiembre", "setiembre", "set"],
  ["oct", "october", "октябрь", "октября", "окт", "octubre"],
  ["nov", "november", "ноябрь", "ноября", "ноя", "нояб", "noviembre"],
  ["dec", "december", "декабрь", "декабря", "дек", "diciembre", "dic"],
];

/** `Dec`, `декабря`, `dic.` → 12; anything else → undefined. */
export function monthNamed(name: string): number | undefined {
  const wanted = name.normalize("NFC").toLowerCase().replace(/\.$/, "");
  const index = NAMES.findIndex((names) => names.includes(wanted));
  return index === -1 ? undefined : index + 1;
}

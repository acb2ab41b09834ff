import { createContext } from "preact";
import { useContext } from "preact/hooks";

/** regbot's labels in the reader's language, from its Fluent files (the session's `texts`). */
export const TextsContext = createContext<Record<string, string>>({});

export function useTexts(): Record<string, string> {
  return useContext(TextsContext);
}

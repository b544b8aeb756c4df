import { useEffect, useState } from "preact/hooks";

/**
 * Whether a live region may show what it says now: false on the render that brings a new `said` (a count of outcomes,
 * an error), true once that render is on the page. So the region enters, or empties, without its text and takes it a
 * frame later: screen readers announce a change inside a region they already know, and often nothing for one
 * inserted with its text, or for a text that reads as the one it replaces.
 */
export function useSaidAnew(said: unknown): boolean {
  const [shown, setShown] = useState<{ said: unknown }>();
  useEffect(() => setShown({ said }), [said]);
  return shown !== undefined && shown.said === said;
}

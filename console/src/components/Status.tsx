import type { ComponentChildren } from "preact";
import { useSaidAnew } from "./useSaidAnew";

type StatusProps = { as?: "p" | "span" | "div"; role?: "status"; class?: string; id?: string; said?: number; children?: ComponentChildren } & { [data: `data-${string}`]: string };

/**
 * A polite live region (aria-live, or role=status for an action's outcome) that enters the page empty and takes its
 * text once it is there: screen readers announce a change inside a region they already know, and often nothing for
 * one inserted with its text. A new `said` (a count of outcomes) empties it, then fills it again: a second outcome
 * that reads as the first is announced too, where an unchanged text would say nothing.
 */
export function Status({ as: Tag = "p", role, said, children, ...attributes }: StatusProps) {
  return <Tag role={role} aria-live={role ? undefined : "polite"} {...attributes}>{useSaidAnew(said) ? children : null}</Tag>;
}

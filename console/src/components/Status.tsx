import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

type StatusProps = { as?: "p" | "span" | "div"; role?: "status"; class?: string; id?: string; children?: ComponentChildren } & { [data: `data-${string}`]: string };

/**
 * A polite live region (aria-live, or role=status for an action's outcome) that enters the page empty and takes its
 * text once it is there: screen readers announce a change inside a region they already know, and often nothing for
 * one inserted with its text.
 */
export function Status({ as: Tag = "p", role, children, ...attributes }: StatusProps) {
  const [shown, setShown] = useState(false);
  useEffect(() => setShown(true), []);
  return <Tag role={role} aria-live={role ? undefined : "polite"} {...attributes}>{shown ? children : null}</Tag>;
}

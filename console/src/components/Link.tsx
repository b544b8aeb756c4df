import type { ComponentChildren } from "preact";
import { followLink, href } from "../lib/router";

/** A link to a screen of the console: a real href (open in a new tab works), followed in place on a plain click. */
export function Link({ to, search = "", children, current = false, class: className }: {
  to: string;
  search?: string;
  children: ComponentChildren;
  current?: boolean;
  class?: string;
}) {
  return (
    <a href={href(to, search)} onClick={followLink} aria-current={current ? "page" : undefined} class={className}>
      {children}
    </a>
  );
}

import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { ZoneContext } from "../lib/context";
import { keepZone } from "../lib/ranges";
import { followLink, href } from "../lib/router";

/**
 * A link to a screen of the console: a real href (open in a new tab works), followed in place on a plain click. It
 * keeps the zone the reader picked (the page's ?tz=) unless its query names one or `zone` says which zone it was
 * built for (UTC names none in a URL), so no screen opened from another falls back to UTC.
 */
export function Link({ to, search = "", children, current = false, zone, class: className }: {
  to: string;
  search?: string;
  children: ComponentChildren;
  current?: boolean;
  zone?: string;
  class?: string;
}) {
  const picked = useContext(ZoneContext);
  const query = zone !== undefined ? search : keepZone(search, picked);
  return (
    <a href={href(to, query)} onClick={followLink} aria-current={current ? "page" : undefined} class={className}>
      {children}
    </a>
  );
}

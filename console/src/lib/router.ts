// Client-side routing with the History API: every screen has a real URL under /console (the function app serves
// index.html for each of them), so a screen and its filters can be bookmarked and shared, and Back and Forward
// walk the screens and pages a person visited.

import { useEffect, useState } from "preact/hooks";
import { keepZone, parseZone } from "./ranges";

export const base = "/console";

/** Where the console is: a screen's path ("/", "/postbacks") and its query ("?date=…", or ""). */
export interface Place {
  path: string;
  search: string;
}

export function placeOf(location: { pathname: string; search: string }): Place {
  let path = location.pathname;
  if (path.toLowerCase().startsWith(base)) path = path.slice(base.length);
  path = "/" + path.replace(/^\/+|\/+$/g, "");
  return { path, search: location.search === "?" ? "" : location.search };
}

/** The URL of a screen, with an optional query ("" or "?a=b" or "a=b"). */
export function href(path: string, search = ""): string {
  const query = search && !search.startsWith("?") ? `?${search}` : search;
  return `${base}${path === "/" ? "/" : path}${query}`;
}

/** The URL of a screen in the zone of the page being left (after a save or delete), as a Link keeps it. */
export function hrefKeepingZone(path: string, search = ""): string {
  return href(path, keepZone(search, parseZone(new URLSearchParams(window.location.search))));
}

const changed = "trax:navigate";

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  window.dispatchEvent(new Event(changed));
}

/** The current place, updated on navigate() and on Back/Forward. */
export function usePlace(): Place {
  const [place, setPlace] = useState(() => placeOf(window.location));
  useEffect(() => {
    const update = () => setPlace(placeOf(window.location));
    window.addEventListener("popstate", update);
    window.addEventListener(changed, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(changed, update);
    };
  }, []);
  return place;
}

/** For an in-app link: a plain click navigates in place; a modified click (new tab, window) is left to the browser. */
export function followLink(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (anchor.target && anchor.target !== "_self") return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

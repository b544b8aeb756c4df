// The console's screens: one module and one route each. A new screen is a module under screens/ and an entry here;
// the layout's navigation, the routing, the page title and the focus on arrival follow from this list.

import type { ComponentType } from "preact";
import type { Place } from "../lib/router";

export interface ScreenProps {
  place: Place;
  screen: Screen;
}

export interface Screen {
  /** The path under /console: "/" or "/name". */
  path: string;
  /** The name in the navigation and the page's heading. */
  title: string;
  /** The screen's module, loaded when first shown (each screen is a chunk of its own). */
  load: () => Promise<{ default: ComponentType<ScreenProps> }>;
}

export const screens: readonly Screen[] = [
  { path: "/", title: "Overview", load: () => import("./overview") },
  { path: "/conversions", title: "Conversions", load: () => import("./placeholder") },
  { path: "/postbacks", title: "Postback log", load: () => import("./postbacks") },
  { path: "/networks", title: "Network setup", load: () => import("./placeholder") },
  { path: "/links", title: "Links", load: () => import("./placeholder") },
  { path: "/forwards", title: "Forwards", load: () => import("./placeholder") },
  { path: "/poison", title: "Poison", load: () => import("./placeholder") },
  { path: "/reports", title: "Reports", load: () => import("./placeholder") },
];

export function screenFor(path: string): Screen | undefined {
  return screens.find((s) => s.path === path.toLowerCase());
}

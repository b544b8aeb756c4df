// The console's screens: one module and one route each. A new screen is a module under screens/ and an entry here;
// the layout's navigation, the routing, the page title and the focus on arrival follow from this list. A screen
// with a parent (a forward's edit page under Forwards) is reached from its parent and marks it in the navigation.

import type { ComponentType } from "preact";
import type { Place } from "../lib/router";

export interface ScreenProps {
  place: Place;
  screen: Screen;
}

export interface Screen {
  /** The path under /console: "/" or "/name" or "/name/sub". */
  path: string;
  /** The name in the navigation and the page's heading. */
  title: string;
  /** The screen's module, loaded when first shown (each module is a chunk of its own; sub-screens share their parent's). */
  load: () => Promise<{ default: ComponentType<ScreenProps> }>;
  /** The navigation entry this screen belongs to; none for the navigation's own entries. */
  parent?: string;
}

const links = () => import("./links");
const forwards = () => import("./forwards");
const conversions = () => import("./conversions");

export const screens: readonly Screen[] = [
  { path: "/", title: "Overview", load: () => import("./overview") },
  { path: "/conversions", title: "Conversions", load: conversions },
  { path: "/postbacks", title: "Postback log", load: () => import("./postbacks") },
  { path: "/networks", title: "Network setup", load: () => import("./networks") },
  { path: "/links", title: "Links", load: links },
  { path: "/forwards", title: "Forwards", load: forwards },
  { path: "/poison", title: "Poison", load: () => import("./poison") },
  { path: "/reports", title: "Reports", load: () => import("./reports") },
  { path: "/traffic", title: "Traffic", load: () => import("./traffic") },
  { path: "/reconciliation", title: "Reconciliation", load: () => import("./reconciliation") },
  { path: "/conversions/view", title: "Conversion", load: conversions, parent: "/conversions" },
  { path: "/links/new", title: "New link", load: links, parent: "/links" },
  { path: "/links/edit", title: "Edit link", load: links, parent: "/links" },
  { path: "/forwards/new", title: "New forward", load: forwards, parent: "/forwards" },
  { path: "/forwards/edit", title: "Edit forward", load: forwards, parent: "/forwards" },
  { path: "/forwards/deliveries", title: "Forward deliveries", load: forwards, parent: "/forwards" },
];

/** The navigation's entries, in order. */
export const navigation: readonly Screen[] = screens.filter((s) => !s.parent);

export function screenFor(path: string): Screen | undefined {
  return screens.find((s) => s.path === path.toLowerCase());
}

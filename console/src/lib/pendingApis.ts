// APIs the console's screens are built for but this version of Trax does not have yet. A screen shows a clear
// "not available yet" state naming the API instead of calling it (a call would only get the host's 404); when an
// API lands, its entry here is set to available and the screen uses it. docs/console.md gives each one's shape.

export interface PendingApi {
  /** Method and route, as docs/console.md proposes them. */
  route: string;
  /** What the screen would show with it. */
  purpose: string;
  available: boolean;
}

// Empty: every API the screens were built for has landed (the conversion search, a click's postbacks and a
// conversion's deliveries were the last, TraxFunctions/ConversionSearch/).
export const pendingApis = {} satisfies Record<string, PendingApi>;

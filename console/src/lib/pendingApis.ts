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

export const pendingApis = {
  conversionSearch: {
    route: "GET /api/conversions/search?from=…&to=…&txid=…&network=…&program=…&type=…&status=…",
    purpose: "conversions found by transaction id, network, program, type, status and date range",
    available: false,
  },
  conversionPostbacks: {
    route: "GET /api/conversions/postbacks?clickid=…",
    purpose: "every postback log row about a click id (duplicates and refusals included)",
    available: false,
  },
  conversionDeliveries: {
    route: "GET /api/forwards/deliveries?conversion=…",
    purpose: "every forward delivery of one conversion, across forwards",
    available: false,
  },
} satisfies Record<string, PendingApi>;

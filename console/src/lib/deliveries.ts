// The delivery log of one forward (GET /api/forwards/{id}/deliveries, Forwards/DeliveryLog/ForwardDeliveryQuery.cs) as the
// forward's delivery screen keeps it in its URL: /console/forwards/deliveries?id=ads&date=…&outcome=…&page=…&tz=…
// The day is the page's zone's (?tz=, UTC when absent): the API reads that zone's day (tz=).

export const deliveryOutcomes = ["delivered", "retrying", "failed", "superseded", "cancelled"] as const;

export interface Delivery {
  forwardId: string;
  jobId: string;
  conversionId: string;
  attempt: number;
  at: string;
  outcome: string;
  status: string;
  method?: string;
  url?: string;
  httpStatus?: number;
  error?: string;
  durationMs?: number;
  nextAttemptAt?: string;
  replay: boolean;
}

export interface DeliveryPage {
  forwardId: string;
  date: string;
  /** The zone the day is (and its times are at): the tz= asked for. */
  timeZone: string;
  count: number;
  items: Delivery[];
  continuationToken: string | null;
}

export interface DeliveryFilters {
  id: string;
  /** A day of the page's zone, or undefined for today there. */
  date?: string;
  outcome?: string;
  page?: string;
  /** The zone of the day and the times shown (?tz=; UTC when absent): the API is asked for its day. */
  tz?: string;
}

export function parseDeliveryFilters(search: string): DeliveryFilters {
  const params = new URLSearchParams(search);
  const filters: DeliveryFilters = { id: params.get("id")?.trim() ?? "" };
  for (const name of ["date", "outcome", "page", "tz"] as const) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export function serializeDeliveryFilters(filters: DeliveryFilters): string {
  const params = new URLSearchParams({ id: filters.id });
  for (const name of ["date", "outcome", "page", "tz"] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return `?${params.toString()}`;
}

/**
 * The API's query for these filters (GET /api/forwards/{id}/deliveries): the page's zone's day, so it always says tz=
 * (UTC when the page names none: without it the API would take the deployment's zone, Trax__Reports__TimeZone), as
 * the postback log's logQuery. A zone the API does not know is its to refuse (invalid-time-zone). `today` is that zone's today.
 */
export function deliveryQuery(filters: DeliveryFilters, today: string, limit: number): Record<string, string | number | undefined> {
  return { date: filters.date ?? today, tz: filters.tz ?? "UTC", outcome: filters.outcome, limit, continuationToken: filters.page };
}

/**
 * The filters of the page after the one shown: its continuation token, and its day as the API answered it (see
 * nextPageOf); the zone stays, since the token belongs to that zone's day.
 */
export function nextDeliveryPageOf(filters: DeliveryFilters, shown: { date: string; continuationToken: string }): DeliveryFilters {
  return { ...filters, date: shown.date, page: shown.continuationToken };
}

/** The forward's URL without its query (which may hold a secret): enough to tell forwards apart in a list. */
export function urlSummary(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : `${url.slice(0, cut)}?…`;
}

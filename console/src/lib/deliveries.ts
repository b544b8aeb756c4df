// The delivery log of one forward (GET /api/forwards/{id}/deliveries, Forwards/ForwardDeliveryQuery.cs) as the
// forward's delivery screen keeps it in its URL: /console/forwards/deliveries?id=ads&date=…&outcome=…&page=…

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
  count: number;
  items: Delivery[];
  continuationToken: string | null;
}

export interface DeliveryFilters {
  id: string;
  /** A UTC day, or undefined for today (UTC). */
  date?: string;
  outcome?: string;
  page?: string;
  /** The zone times are shown in (?tz=; UTC when absent). The days stay UTC, as the API keeps them. */
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

/** The filters of the page after the one shown: its continuation token, and its day as the API answered it (see nextPageOf). */
export function nextDeliveryPageOf(filters: DeliveryFilters, shown: { date: string; continuationToken: string }): DeliveryFilters {
  return { ...filters, date: shown.date, page: shown.continuationToken };
}

/** The forward's URL without its query (which may hold a secret): enough to tell forwards apart in a list. */
export function urlSummary(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : `${url.slice(0, cut)}?…`;
}

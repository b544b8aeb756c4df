// The postback log's filters as they stand in the URL (/console/postbacks?date=…&outcome=…), so that a view can be
// bookmarked, shared and reached with Back. No date means "today (UTC)", so a bookmark keeps showing today.

export const outcomes = ["created", "orphan", "outside-window", "updated", "superseded", "duplicate", "rejected"] as const;
export const types = ["ftd", "reg", "sale"] as const;

export interface LogFilters {
  /** A UTC day YYYY-MM-DD, or undefined for today (UTC). */
  date?: string;
  /** 0–23 (UTC), as text from the URL or the form. */
  hour?: string;
  type?: string;
  outcome?: string;
  reason?: string;
  network?: string;
  /** Refresh the first page every few seconds. */
  live: boolean;
  /** The continuation token of the page shown (none for the first page). */
  page?: string;
  /** The zone times are shown in (?tz=; UTC when absent). Days and hours stay UTC: the API is asked for UTC's. */
  tz?: string;
}

const order = ["date", "hour", "type", "outcome", "reason", "network"] as const;

/** Reads the filters from a query string; unknown parameters are ignored, values are kept as given (the API judges them). */
export function parseLogFilters(search: string): LogFilters {
  const params = new URLSearchParams(search);
  const filters: LogFilters = { live: params.get("live") === "1" };
  for (const name of order) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  const page = params.get("page");
  if (page) filters.page = page;
  const tz = params.get("tz")?.trim();
  if (tz) filters.tz = tz;
  return filters;
}

/** Writes the filters as a query string ("" when there are none), in a fixed order, without empty values. */
export function serializeLogFilters(filters: LogFilters): string {
  const params = new URLSearchParams();
  for (const name of order) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  if (filters.live) params.set("live", "1");
  if (filters.page) params.set("page", filters.page);
  if (filters.tz) params.set("tz", filters.tz);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * The API's query for these filters (GET /api/postbacks). The screen shows UTC days and hours, so it says tz=UTC:
 * without it the API would take the deployment's zone (Trax__Reports__TimeZone).
 */
export function logQuery(filters: LogFilters, today: string, limit: number): Record<string, string | number | undefined> {
  return {
    date: filters.date ?? today,
    tz: "UTC",
    hour: filters.hour,
    type: filters.type,
    outcome: filters.outcome,
    reason: filters.reason,
    network: filters.network,
    limit,
    continuationToken: filters.page,
  };
}

/**
 * The filters of the page after the one shown: its continuation token, and its day as the API answered it, so a page
 * of "today" followed after midnight reads on in the day it began (the token belongs to that day).
 */
export function nextPageOf(filters: LogFilters, shown: { date: string; continuationToken: string }): LogFilters {
  return { ...filters, date: shown.date, page: shown.continuationToken };
}

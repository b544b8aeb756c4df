// The postback log's filters as they stand in the URL (/console/postbacks?date=…&outcome=…), so that a view can be
// bookmarked, shared and reached with Back. No date means "today" (in the page's zone), so a bookmark keeps showing
// today. The day and hour are the page's zone's (?tz=, UTC when absent): the API reads that zone's day (tz=).

import { dayIn } from "./dates";
import { zoneParams } from "./ranges";

export const outcomes = ["created", "orphan", "outside-window", "updated", "superseded", "duplicate", "rejected"] as const;
export const types = ["ftd", "reg", "sale"] as const;

export interface LogFilters {
  /** A day YYYY-MM-DD of the page's zone, or undefined for today (in that zone). */
  date?: string;
  /** 0–23, a clock hour of the page's zone, as text from the URL or the form. */
  hour?: string;
  type?: string;
  outcome?: string;
  reason?: string;
  network?: string;
  /** Refresh the first page every few seconds. */
  live: boolean;
  /** The continuation token of the page shown (none for the first page). */
  page?: string;
  /** The zone of the day, the hour and the times shown (?tz=; UTC when absent): the API is asked for its day. */
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
 * The API's query for these filters (GET /api/postbacks): the page's zone's day and hour, so it always says tz=
 * (UTC when the page names none: without it the API would take the deployment's zone, Trax__Reports__TimeZone). A
 * zone the API does not know is its to refuse (invalid-time-zone). `today` is that zone's today.
 */
export function logQuery(filters: LogFilters, today: string, limit: number): Record<string, string | number | undefined> {
  return {
    date: filters.date ?? today,
    tz: filters.tz ?? "UTC",
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

/**
 * The log's view holding an instant (a refused postback, a history entry): its day in `zone` (and its clock hour
 * there when `withHour`), the other filters given, and the zone named (none for UTC), so the link opens the same
 * hours it was built from. A time that cannot be read links to the filters alone.
 */
export function logSearchAt(instant: string, zone: string, filters: Omit<LogFilters, "live" | "date" | "hour" | "tz">, withHour = false): string {
  const at = new Date(instant);
  const view: LogFilters = { live: false, ...filters };
  if (!Number.isNaN(at.getTime())) {
    view.date = dayIn(at, zone);
    if (withHour) view.hour = String(hourIn(at, zone));
  }
  for (const [, value] of zoneParams(zone)) view.tz = value;
  return serializeLogFilters(view);
}

/** The clock hour (0–23) an instant falls in, in a time zone. */
function hourIn(instant: Date, timeZone: string): number {
  const text = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(instant);
  return Number(text) % 24;
}

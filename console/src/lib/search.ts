// The conversion search (GET /api/conversions/search, TraxFunctions/ConversionSearch/) as the Conversions screen keeps
// it in its URL, /console/conversions?from=…&to=…&txid=…&network=…&program=…&type=…&status=…&page=…, and the answers
// of the conversion page's two other calls: a click's postback log rows and a conversion's forward deliveries.

import { addDays } from "./dates";
import type { Delivery } from "./deliveries";

/** tz is the zone of the screen (UTC when absent): the days picked are its days (the API is sent tz=) and times are shown in it. */
export const searchFields = ["from", "to", "txid", "network", "program", "type", "status", "page", "tz"] as const;

export type SearchFilters = Partial<Record<(typeof searchFields)[number], string>>;

/** What a search reads when the form leaves the dates empty: the zone's last 7 days, today included. */
export const defaultSearchDays = 7;

/** The most days one search covers (SearchDays.MaxDays). */
export const maxSearchDays = 31;

export interface SearchItem {
  conversionId: string;
  clickId: string;
  key: string;
  type: string;
  network?: string;
  program?: string;
  campaign?: string;
  txId?: string;
  status: string;
  payout?: string;
  currency?: string;
  attribution: string;
  receivedAt: string;
  postbackId: string;
}

export interface SearchPage {
  from: string;
  to: string;
  /** The zone whose days from and to are (the API names it). */
  timeZone?: string;
  count: number;
  items: SearchItem[];
  daysRead: number;
  continuationToken: string | null;
}

export interface ConversionDeliveries {
  conversionId: string;
  from: string;
  to: string;
  /** The zone whose days from and to are (tz=); an older Trax named none: UTC. */
  timeZone?: string;
  forwards: number;
  count: number;
  items: Delivery[];
}

/** Whether the URL asks for a search (as opposed to the click id lookup, or nothing yet). */
export function isSearch(filters: SearchFilters): boolean {
  return filters.from !== undefined || filters.to !== undefined;
}

export function parseSearchFilters(search: string): SearchFilters {
  const params = new URLSearchParams(search);
  const filters: SearchFilters = {};
  for (const name of searchFields) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** A fixed order, empty values left out: the same search is the same URL. */
export function serializeSearchFilters(filters: SearchFilters): string {
  const params = new URLSearchParams();
  for (const name of searchFields) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The form's filters made a search: missing dates become the last week up to today (in the zone), or the day given. */
export function withDays(filters: SearchFilters, today: string): SearchFilters {
  const to = filters.to ?? (filters.from ? (addDays(filters.from, defaultSearchDays - 1) < today ? addDays(filters.from, defaultSearchDays - 1) : today) : today);
  const from = filters.from ?? addDays(to, 1 - defaultSearchDays);
  return { ...filters, from, to };
}

/** The API's query for a search in the URL (its page as the continuation token), in the screen's zone (always sent, as the reports do). */
export function searchQuery(filters: SearchFilters, limit: number, zone: string): Record<string, string | number | undefined> {
  const { page, tz: _, ...rest } = filters;
  return { ...rest, tz: zone, limit, continuationToken: page };
}

/** A page of a paged list; an answer without a token (an older Trax) is its last page. */
interface Page<T> { count: number; items: T[]; continuationToken?: string | null }

/** The page that follows the rows shown, read as one list: both pages' rows and count, the later page's token. */
export function followedPage<T, P extends Page<T>>(shown: P, next: P): P {
  return { ...next, count: shown.count + next.count, items: [...shown.items, ...next.items], continuationToken: next.continuationToken ?? null };
}

/** What the conversion page says of its postback log rows: a count of all of them only once the last page is read. */
export function clickPostbacksNote(count: number, from: string, to: string, timeZone: string | undefined, more: boolean): string {
  const days = `about this conversion from ${from} to ${to} (${timeZone ?? "UTC"}), newest first`;
  if (more) return `The newest ${count} postback log rows ${days}; there are more: Show more reads them`;
  return `${count === 0 ? "No postback log row" : `${count} postback log row${count === 1 ? "" : "s"}`} ${days}`;
}

/** The line above a conversion's delivery attempts: how many, of which days in which zone, across how many forwards. */
export function deliveriesNote(answer: Pick<ConversionDeliveries, "from" | "to" | "timeZone" | "count" | "forwards">): string {
  const attempts = answer.count === 0 ? "No delivery attempt" : `${answer.count} delivery attempt${answer.count === 1 ? "" : "s"}`;
  return `${attempts} of this conversion from ${answer.from} to ${answer.to} (${answer.timeZone ?? "UTC"}), newest first, ` +
    `across ${answer.forwards} forward${answer.forwards === 1 ? "" : "s"}.`;
}

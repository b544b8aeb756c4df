// A range of report days as a screen keeps it in its URL: a preset (?range=7d), which a bookmark keeps relative to
// today, or chosen days (?from=…&to=…), in a time zone (?tz=Europe/Berlin; UTC when the URL names none). The report
// and overview APIs take the zone (tz=) and count its days, so presets are that zone's days too, and the screens say
// which zone they show.

import { localTimeZone, presetRange, type DayRange, type RangePreset } from "./dates";

export const presets: readonly { id: RangePreset; label: string }[] = [
  { id: "today", label: "Today" },
  { id: "yesterday", label: "Yesterday" },
  { id: "7d", label: "7 days" },
  { id: "30d", label: "30 days" },
];

/** The zone a screen's days are in when its URL names none. */
export const reportTimeZone = "UTC";

/** The zone in a query string (?tz=…), else UTC. The API judges it (invalid-time-zone). */
export function parseZone(params: URLSearchParams): string {
  return params.get("tz")?.trim() || reportTimeZone;
}

/**
 * The zone a screen's times are shown in: the URL's (?tz=), else UTC, as parseZone; a name this browser does not
 * know is UTC too (those screens' APIs do not judge a zone, and formatting in it would fail).
 */
export function timesZone(search: string): string {
  const zone = parseZone(new URLSearchParams(search));
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return reportTimeZone;
  }
}

/** A query string with its zone set (none for UTC), the rest kept: for the picker and links between screens with times. */
export function withZone(search: string, zone: string): string {
  const params = new URLSearchParams(search);
  params.delete("tz");
  for (const [name, value] of zoneParams(zone)) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The zone's parameter for a URL: none for UTC, so the URLs of before still mean what they meant. */
export function zoneParams(zone: string): [string, string][] {
  return zone === reportTimeZone ? [] : [["tz", zone]];
}

/**
 * A link's query keeping the reader's zone: unchanged when it names a zone already or the zone is UTC (a URL names
 * none), else with `tz=` added at its end (the rest as written, so its order and encoding stay).
 */
export function keepZone(search: string, zone: string): string {
  if (new URLSearchParams(search).has("tz") || zoneParams(zone).length === 0) return search;
  const rest = search.replace(/^\?/, "");
  return `?${rest ? `${rest}&` : ""}tz=${encodeURIComponent(zone)}`;
}

/** The zones offered: UTC, the reader's own, and the one shown now, each once. */
export function zoneChoices(current: string, local: string = localTimeZone()): string[] {
  return [...new Set([reportTimeZone, local, current])];
}

export type RangeChoice = { preset: RangePreset } | { from: string; to: string };

const presetIds: ReadonlySet<string> = new Set(presets.map((p) => p.id));

/** The range in a query string: from and to if either is given (the API judges them), else a known preset, else the fallback. */
export function parseRange(params: URLSearchParams, fallback: RangePreset): RangeChoice {
  const from = params.get("from")?.trim() ?? "";
  const to = params.get("to")?.trim() ?? "";
  if (from || to) return { from, to };
  const preset = params.get("range");
  return { preset: preset && presetIds.has(preset) ? (preset as RangePreset) : fallback };
}

/** The range's parameters for a URL, in a fixed order. */
export function rangeParams(choice: RangeChoice): [string, string][] {
  return "preset" in choice ? [["range", choice.preset]] : [["from", choice.from], ["to", choice.to]];
}

/** The days (of the zone, UTC unless given) a choice stands for at this instant. */
export function resolveRange(choice: RangeChoice, now: Date, zone: string = reportTimeZone): DayRange {
  if (!("preset" in choice)) return { from: choice.from, to: choice.to };
  try {
    return presetRange(choice.preset, now, zone);
  } catch (e) {
    // A zone the browser does not know (a typo in ?tz=): UTC's days, so the screen renders and shows the API's
    // refusal of the zone (invalid-time-zone) instead of a render error leaving it blank.
    if (e instanceof RangeError) return presetRange(choice.preset, now, reportTimeZone);
    throw e;
  }
}

/** The most days a report covers (ReportRequest.MaxDays, ZoneDayRange.MaxDays): a chart of such a range shows them all. */
export const maxReportDays = 400;

/** Every day from one to another, both included ([] when they are not days in order); at most `max` days. */
export function daysBetween(from: string, to: string, max = maxReportDays): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const days: string[] = [];
  for (let t = start; t <= end && days.length < max; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

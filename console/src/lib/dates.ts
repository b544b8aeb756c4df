// Days as Trax's APIs take them: "YYYY-MM-DD". The APIs count UTC days; a person means days in their own time
// zone, so ranges are computed for a given zone and named as such on screen.

export type RangePreset = "today" | "yesterday" | "7d" | "30d";

export interface DayRange {
  from: string;
  to: string;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDay(value: string): boolean {
  const match = dayPattern.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The day an instant falls on in a time zone (an IANA name such as "Europe/Berlin", or "UTC"). */
export function dayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** A day plus (or minus) whole days, by the calendar (no time zone or daylight saving involved). */
export function addDays(day: string, days: number): string {
  const match = dayPattern.exec(day);
  if (!match || !isDay(day)) throw new RangeError(`Not a day: ${day}`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return utcDay(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Today, yesterday, the last 7 or 30 days (today included), as days of the given time zone. */
export function presetRange(preset: RangePreset, now: Date, timeZone: string): DayRange {
  const today = dayIn(now, timeZone);
  switch (preset) {
    case "today": return { from: today, to: today };
    case "yesterday": {
      const yesterday = addDays(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case "7d": return { from: addDays(today, -6), to: today };
    case "30d": return { from: addDays(today, -29), to: today };
  }
}

/** The reader's time zone as the browser knows it. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

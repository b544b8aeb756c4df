// Formatting for people. Amounts arrive as exact decimal strings ("25.50", "-3", "1000000000000.1234") and are
// formatted from the string (Intl.NumberFormat formats a numeric string exactly), never through a float, so a
// number the console shows is the number Trax stored.

const decimal = /^-?\d+(\.\d+)?$/;

/** An amount in its currency, in the reader's locale, with every decimal Trax stored (at least the currency's usual ones). */
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined, locale?: string): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  if (!decimal.test(amount)) return amount;
  const decimals = amount.includes(".") ? amount.length - amount.indexOf(".") - 1 : 0;
  if (!currency) {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
      .format(amount as Intl.StringNumericLiteral);
  }
  try {
    const usual = new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().minimumFractionDigits ?? 2;
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: usual,
      maximumFractionDigits: Math.max(usual, decimals),
    }).format(amount as Intl.StringNumericLiteral);
  } catch {
    // A currency code Intl does not accept: show exactly what was stored.
    return `${amount} ${currency}`;
  }
}

/**
 * An instant as date and time in a time zone, e.g. "2026-11-25 10:20:03". The zone is always given (the screen's
 * picked zone, named on the page): never the browser's own unnamed.
 */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")}`;
}

/** A count with the reader's grouping (12,345). */
export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** What a page's count covers, after the count: a later page says so; the API's count is of the page, not the whole. */
export function pageNote(more: boolean, later: boolean): string {
  if (more) return later ? ", on this later page; more on the next" : ", on this page; more on the next";
  return later ? ", on this last page" : "";
}

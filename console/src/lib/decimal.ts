// Exact sums of decimal amounts written as text ("25.50" + "10" = "35.50"), as C#'s decimal adds them: the result
// keeps the larger number of decimals. Used where the console adds up what the API gave per group (a network's
// payout over its programs); never through a float.

const decimal = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(text: string): { units: bigint; scale: number } | undefined {
  const match = decimal.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(whole! + fraction);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** True for an amount as Trax writes one: an optional minus, digits, and optionally '.' and digits. */
export function isDecimal(text: string): boolean {
  return decimal.test(text);
}

/**
 * The exact sum of two amounts. null stands for "no amount" (a group none of whose conversions had a payout) and
 * adds nothing; "overflow" (a sum the API could not make) stays overflowed. Throws on text that is not a decimal.
 */
export function addDecimals(a: string | null, b: string | null): string | null {
  if (a === "overflow" || b === "overflow") return "overflow";
  if (a === null) return b;
  if (b === null) return a;
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) throw new RangeError(`Not a decimal amount: ${x ? b : a}`);
  const scale = Math.max(x.scale, y.scale);
  const sum = x.units * 10n ** BigInt(scale - x.scale) + y.units * 10n ** BigInt(scale - y.scale);
  return format(sum, scale);
}

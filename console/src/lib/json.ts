// JSON as Trax writes it, read without losing a cent. The report API writes payout sums as JSON numbers (35.50,
// 1000000000000.1234); JSON.parse would turn them into doubles, which drop trailing zeros and, past 2^53, digits.
// So the number under a money key is read as the exact text Trax wrote, and formatted from that text
// (format.ts), never through a float. Every other value is parsed as JSON.parse parses it.

/** The properties that hold amounts of money in Trax's answers. */
export const moneyKeys: ReadonlySet<string> = new Set([
  "payout", "rejectedPayout", "amount", "exportAmount", "traxAmount",
  // The traffic report's money and ratios (GET /api/reports/traffic).
  "revenue", "cost", "profit", "unallocatedCost", "cr", "epc", "roi",
]);

/**
 * Parses JSON text, turning every number that is the value of a money key into a string holding its exact text.
 * Strings are never touched (a network name such as `"payout":5` inside a string stays as it is).
 */
export function parseExactJson(text: string, keys: ReadonlySet<string> = moneyKeys): unknown {
  let out = "";
  let copied = 0;
  let lastString = "";
  let key: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      lastString = text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === ":") {
      try {
        key = JSON.parse(lastString) as string;
      } catch {
        key = undefined;
      }
      i++;
      continue;
    }
    if (c === "," || c === "{" || c === "[" || c === "}" || c === "]") {
      key = undefined;
      i++;
      continue;
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      if (key !== undefined && keys.has(key)) {
        out += text.slice(copied, i) + '"' + text.slice(i, j) + '"';
        copied = j;
      }
      key = undefined;
      i = j;
      continue;
    }
    i++;
  }
  return JSON.parse(copied === 0 ? text : out + text.slice(copied));
}

import { Fragment, type ComponentChildren } from "preact";

/**
 * Labelled values a network sent, joined into one line ("status ok, payout €25.50, txid T-1"), each value in a bdi:
 * a value with a right-to-left override (U+202E, kept by intake: it is no control character) turns only itself
 * around, never the labels and values after it. Undefined when none was sent.
 */
export function said(parts: ReadonlyArray<readonly [string, string | null | undefined]>): ComponentChildren | undefined {
  const sent = parts.filter(([, value]) => value);
  if (sent.length === 0) return undefined;
  return sent.map(([label, value], i) => <Fragment key={label}>{i > 0 && ", "}{label} <bdi>{value}</bdi></Fragment>);
}

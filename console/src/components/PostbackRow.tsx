import { formatDateTime, formatMoney } from "../lib/format";
import { outcomes } from "../lib/logFilters";
import type { LogItem } from "../lib/postbackLog";
import { said } from "./Said";
import { Term } from "./Term";

const knownOutcomes: ReadonlySet<string> = new Set(outcomes);

/**
 * One postback log row, as /api/postbacks and /api/conversions/postbacks give it: a summary line, and its answer,
 * values and redacted raw request in a disclosure. Every value came from a network: text only.
 */
export function PostbackRow({ item, zone }: { item: LogItem; zone: string }) {
  const outcomeClass = knownOutcomes.has(item.outcome) ? `outcome-${item.outcome}` : "outcome-other";
  const sent = said([["status", item.status], ["payout", item.payout ? formatMoney(item.payout, item.currency) : undefined], ["txid", item.txid]]);
  return (
    <li class="log-row postback-row">
      <p class="timeline-head">
        <span class="time">{formatDateTime(item.receivedAt, zone)}</span>{" "}
        <span class={`badge ${outcomeClass}`}>{item.outcome}</span>{" "}
        {item.reason && <span class="reason">{item.reason}</span>}{" "}
        <span class="type">{item.type}</span>{" "}
        <bdi class="network">{item.network ?? ""}</bdi>
      </p>
      <details>
        <summary>Details of postback {item.id}</summary>
        <dl class="terms">
          <Term name="Said" value={sent} />
          <Term name="Answer" value={item.httpStatus !== undefined ? `HTTP ${item.httpStatus}` : undefined} />
          <Term name="Conversion" value={item.conversionKey} mono />
          <Term name="Duplicate of" value={item.duplicateOf} mono />
          <Term name="Warnings" value={item.warnings?.join("; ")} mono />
          <Term name="Processed" value={item.processedAt && formatDateTime(item.processedAt, zone)} />
          <Term name="Method" value={item.method} />
          <Term name="Query (secrets redacted)" value={item.query && (item.queryTruncated ? `${item.query} … (cut)` : item.query)} mono />
          <Term name="Body" value={item.body} mono />
          <Term name="Address" value={item.clientIp} mono />
          <Term name="User agent" value={item.userAgent} />
        </dl>
      </details>
    </li>
  );
}


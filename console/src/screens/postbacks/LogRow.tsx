// A row of the postback log, and its detail when opened: what became of it, what it said, and how it was sent.

import { formatDateTime, formatMoney } from "../../lib/format";
import { outcomes } from "../../lib/logFilters";
import type { ConversionState, LogItem } from "../../lib/postbackLog";
import { Term } from "../../components/Term";

const knownOutcomes: ReadonlySet<string> = new Set(outcomes);

export function LogRow({ item, zone, open, onToggle }: { item: LogItem; zone: string; open: boolean; onToggle: () => void }) {
  const detailId = `pb-${item.id.replace(/[^A-Za-z0-9_-]/g, "")}`;
  const outcomeClass = knownOutcomes.has(item.outcome) ? `outcome-${item.outcome}` : "outcome-other";
  return (
    <li class="log-row">
      <button type="button" class="log-summary" aria-expanded={open} aria-controls={detailId} onClick={onToggle}>
        <span class="time">{formatDateTime(item.receivedAt, zone)}</span>
        <span class={`badge ${outcomeClass}`}>{item.outcome}</span>
        <span class="reason">{item.reason ?? ""}</span>
        <span class="type">{item.type}</span>
        <span class="mono clickid">{item.clickid ?? "—"}</span>
        <span class="network">{item.network ?? ""}</span>
      </button>
      {open && <LogDetail id={detailId} item={item} zone={zone} />}
    </li>
  );
}

function LogDetail({ id, item, zone }: { id: string; item: LogItem; zone: string }) {
  const pairs = item.query ? Array.from(new URLSearchParams(item.query)) : [];
  return (
    <div class="log-detail" id={id}>
      <h3>Answer</h3>
      <dl>
        <Term name="Outcome" value={item.outcome} />
        <Term name="Reason" value={item.reason} />
        <Term name="HTTP status" value={item.httpStatus?.toString()} />
        <Term name="Postback id" value={item.id} mono />
        <Term name="Duplicate of" value={item.duplicateOf} mono />
        <Term name="Conversion" value={item.conversionKey} mono />
        <Term name="Received" value={`${formatDateTime(item.receivedAt, zone)} (${item.receivedAt})`} />
        <Term name="Processed" value={item.processedAt && `${formatDateTime(item.processedAt, zone)} (${item.processedAt})`} />
        <Term name="Before" value={stateText(item.from)} />
        <Term name="After" value={stateText(item.to)} />
      </dl>
      <h3>Postback</h3>
      <dl>
        <Term name="Type" value={item.type} />
        <Term name="Click id" value={item.clickid} mono />
        <Term name="Network" value={item.network} />
        <Term name="Program" value={item.program} />
        <Term name="Transaction id" value={item.txid} mono />
        <Term name="Payout" value={item.payout && formatMoney(item.payout, item.currency)} />
        <Term name="Status" value={item.status} />
      </dl>
      <h3>Warnings</h3>
      {item.warnings && item.warnings.length > 0
        ? <ul class="warnings">{item.warnings.map((w) => <li><code>{w}</code></li>)}</ul>
        : <p class="hint">None.</p>}
      <h3>Raw request (secrets redacted)</h3>
      <dl>
        <Term name="Method" value={item.method} />
        <Term name="Query" value={item.query && (item.queryTruncated ? `${item.query} … (cut)` : item.query)} mono />
        <Term name="Body" value={item.body} mono />
      </dl>
      {pairs.length > 0 && (
        <table class="pairs">
          <caption>Query parameters, decoded</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
          <tbody>{pairs.map(([name, value]) => <tr><td class="mono">{name}</td><td class="mono">{value}</td></tr>)}</tbody>
        </table>
      )}
      <h3>Caller</h3>
      <dl>
        <Term name="Address" value={item.clientIp} mono />
        <Term name="Forwarded for" value={item.forwardedFor} mono />
        <Term name="User agent" value={item.userAgent} />
      </dl>
    </div>
  );
}

function stateText(state: ConversionState | undefined): string | undefined {
  if (!state) return undefined;
  const money = state.payout ? formatMoney(state.payout, state.currency) : "no payout";
  return `${state.status ?? "—"}, ${money}`;
}

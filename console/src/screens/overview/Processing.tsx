// The overview's processing now (GET /api/overview): the processor's health, refused postbacks by reason, orphans.

import { Link } from "../../components/Link";
import { formatCount } from "../../lib/format";
import { healthLines, refusalCount, refusedLine, refusalsSearch, type OverviewSummary } from "../../lib/summary";

export function Processing({ summary }: { summary: OverviewSummary }) {
  const p = summary.processor;
  const refused = summary.rejectedPostbacks;
  return (
    <>
      <h2 id="processing">Processing now</h2>
      {p.stalled && (
        <p class="error-box" role="alert" id="stalled"><strong>The processor looks stalled.</strong> {p.stalledReason}</p>
      )}
      <dl class="terms" id="health">
        {healthLines(p).map((line) => (
          <>
            <dt key={`${line.id}-t`}>{line.label}</dt>
            <dd key={`${line.id}-d`} data-health={line.id} data-value={line.value === null ? "" : String(line.value)} class={line.attention ? "attention" : undefined}>
              {line.text}
              {line.id === "poison" && line.attention && <> (<Link to="/poison">see them</Link>)</>}
            </dd>
          </>
        ))}
      </dl>
      <p class="hint">From the queue <code>{p.queue}</code> and its poison queue, as they are now. It looks stalled when the oldest postback has waited {formatCount(p.stalledAfterSeconds / 60)} minutes or more: the processor is then not keeping up or not running, while networks still get 200.</p>

      <h2 id="refused">Refused postbacks</h2>
      <p id="refused-total" data-value={String(refused.total)} data-complete={String(refused.complete !== false)}>{refusedLine(refused)}</p>
      {refused.byReason.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="refused">
          <table class="figures" id="refused-table">
            <thead><tr><th scope="col">Reason</th><th scope="col">Postbacks</th></tr></thead>
            <tbody>
              {refused.byReason.map((r) => {
                const search = refusalsSearch(summary.from, summary.to, r.reason, summary.timeZone);
                return (
                  <tr key={r.reason} data-reason={r.reason}>
                    <th scope="row">{search ? <Link to="/postbacks" search={search} zone={summary.timeZone}><code>{r.reason}</code></Link> : <code>{r.reason}</code>}</th>
                    <td class="num" data-value={String(r.count)}>{refusalCount(r.count, refused.complete)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="orphans">Orphans</h2>
      <p id="orphans-count" data-value={String(summary.orphans.count)} data-outside={String(summary.orphans.outsideWindow)}>
        {formatCount(summary.orphans.count)} conversions in these days have no known click (unattributed: counted on the
        network's word until the click is registered); {formatCount(summary.orphans.outsideWindow)} came after their link's window.
      </p>
    </>
  );
}

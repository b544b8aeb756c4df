// Reports: the report API (GET /api/reports/conversions) with its groupings and ranges as a table, and the same
// report as a CSV file. The download is fetched with the key in its header and saved from a Blob: a link to the
// API would need the key in its URL.

import { ErrorBox } from "../components/ErrorBox";
import { ReportForm } from "../components/ReportForm";
import { Status } from "../components/Status";
import { ApiError } from "../lib/api";
import { useApi } from "../lib/context";
import { formatCount, formatMoney } from "../lib/format";
import { amountOf, dimensions, parseReportState, reportCsvQuery, reportQuery, serializeReportState, type Report } from "../lib/report";
import { href, navigate } from "../lib/router";
import { useCsvDownload } from "../lib/useCsvDownload";
import { useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

export default function Reports({ screen, place }: ScreenProps) {
  const api = useApi();
  const state = parseReportState(place.search);
  // A preset resolves when the view loads (a new URL, or Show): a re-render after midnight does not move the days.
  const query = reportQuery(state, new Date(), "json");
  const [loaded, reload] = useLoad((signal) => api.get<Report>("/api/reports/conversions", query, { signal }), [place.search]);
  const [download, downloadCsv] = useCsvDownload("/api/reports/conversions", "conversions",
    () => reportCsvQuery(state, loaded.state === "done" ? loaded.value : query as { from: string; to: string }));
  const error = loaded.state === "failed" ? loaded.error : undefined;
  const fieldError = (name: string) => (error instanceof ApiError && error.field === name ? error.message : undefined);
  const anyFieldError = ["from", "to", "groupBy"].some((f) => fieldError(f));

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <ReportForm key={place.search} state={state} path="/reports" serialize={serializeReportState} dimensions={dimensions} idPrefix="r"
        label="Choose the report" toHint="At most 400 days, from and to included." errorFor={fieldError} onSame={reload} />
      <div class="toolbar">
        <button type="button" class="secondary" disabled={download.busy || loaded.state !== "done"} onClick={() => void downloadCsv()}>
          {download.busy ? "Downloading…" : "Download CSV"}
        </button>
        <label class="check">
          <input type="checkbox" checked={state.escapeFormulas}
            onChange={(e) => navigate(href("/reports", serializeReportState({ ...state, escapeFormulas: e.currentTarget.checked })), { replace: true })} />
          Escape spreadsheet formulas in the CSV (a name starting with = + - @ gets a leading ')
        </label>
        {download.saved && <Status as="span" role="status" class="status">Saved {download.saved}.</Status>}
      </div>
      {download.error && <ErrorBox error={download.error} />}
      {error && !anyFieldError && <ErrorBox error={error} />}
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "done" && <ReportTable report={loaded.value} />}
    </section>
  );
}

function ReportTable({ report }: { report: Report }) {
  const money = (payout: string | null, overflow: boolean | undefined, currency: string | null) => {
    const amount = amountOf(payout, overflow);
    return amount === "overflow" ? "too large to sum" : amount === null ? "—" : formatMoney(amount, currency);
  };
  return (
    <>
      <Status class="summary">
        {report.from === report.to ? report.from : `${report.from} to ${report.to}`} ({report.timeZone ?? "UTC"}): {formatCount(report.conversions)} counted conversion{report.conversions === 1 ? "" : "s"}
        {report.groupBy.length > 0 ? `, by ${report.groupBy.join(", ")} and currency` : ", by currency"}. Each conversion counts once, in its current status.
      </Status>
      {report.rows.length === 0 ? <p>No conversions in these days.</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Report rows">
          <table class="figures" id="report-rows">
            <thead>
              <tr>
                {report.groupBy.map((g) => <th scope="col" key={g}>{g}</th>)}
                <th scope="col">currency</th><th scope="col">counted</th><th scope="col">payout (net)</th>
                <th scope="col">rejected</th><th scope="col">rejected payout</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row, i) => (
                <tr key={i}>
                  {report.groupBy.map((g) => <td key={g}>{row[g as keyof typeof row] ?? <span class="hint">(none)</span>}</td>)}
                  <td>{row.currency ?? <span class="hint">(none)</span>}</td>
                  <td class="num">{formatCount(row.conversions)}</td>
                  <td class="num">{money(row.payout, row.payoutOverflow, row.currency)}</td>
                  <td class="num">{formatCount(row.rejected)}</td>
                  <td class="num">{money(row.rejectedPayout, row.rejectedPayoutOverflow, row.currency)}</td>
                </tr>
              ))}
            </tbody>
            {report.groupBy.length > 0 && <tfoot>
              {report.totals.map((t) => (
                <tr key={t.currency ?? ""}>
                  <th scope="row" colSpan={report.groupBy.length}>Total</th>
                  <td>{t.currency ?? <span class="hint">(none)</span>}</td>
                  <td class="num">{formatCount(t.conversions)}</td>
                  <td class="num">{money(t.payout, t.payoutOverflow, t.currency)}</td>
                  <td class="num">{formatCount(t.rejected)}</td>
                  <td class="num">{money(t.rejectedPayout, t.rejectedPayoutOverflow, t.currency)}</td>
                </tr>
              ))}
            </tfoot>}
          </table>
        </div>
      )}
    </>
  );
}


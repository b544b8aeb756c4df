// Reports: the report API (GET /api/reports/conversions) with its groupings and ranges as a table, and the same
// report as a CSV file. The download is fetched with the key in its header and saved from a Blob: a link to the
// API would need the key in its URL.

import { useState } from "preact/hooks";
import { ErrorBox } from "../components/ErrorBox";
import { Field, fieldAria } from "../components/Field";
import { Link } from "../components/Link";
import { ApiError, UnauthorizedError } from "../lib/api";
import { useApi } from "../lib/context";
import { formatCount, formatMoney } from "../lib/format";
import { presets, resolveRange } from "../lib/ranges";
import { ZonePicker } from "../components/ZonePicker";
import { amountOf, dimensions, parseReportState, reportQuery, serializeReportState, type Report, type ReportState } from "../lib/report";
import { href, navigate } from "../lib/router";
import { saveFile } from "../lib/save";
import { asError, useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

export default function Reports({ screen, place }: ScreenProps) {
  const api = useApi();
  const state = parseReportState(place.search);
  const now = new Date();
  const query = reportQuery(state, now, "json");
  const [loaded, reload] = useLoad((signal) => api.get<Report>("/api/reports/conversions", query, { signal }), [place.search, query.from, query.to, query.tz]);
  const [download, setDownload] = useState<{ busy: boolean; error?: Error; saved?: string }>({ busy: false });
  const error = loaded.state === "failed" ? loaded.error : undefined;
  const fieldError = (name: string) => (error instanceof ApiError && error.field === name ? error.message : undefined);
  const anyFieldError = ["from", "to", "groupBy"].some((f) => fieldError(f));

  const downloadCsv = async () => {
    setDownload({ busy: true });
    try {
      const csvQuery = reportQuery(state, new Date(), "csv");
      const file = await api.download("/api/reports/conversions", csvQuery);
      const name = file.fileName ?? `conversions-${csvQuery.from}-${csvQuery.to}.csv`;
      saveFile(file.blob, name);
      setDownload({ busy: false, saved: name });
    } catch (e) {
      if (!(e instanceof UnauthorizedError)) setDownload({ busy: false, error: asError(e) });
    }
  };

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <ReportForm key={place.search} state={state} errorFor={fieldError} onSame={reload} />
      <div class="toolbar">
        <button type="button" class="secondary" disabled={download.busy || loaded.state !== "done"} onClick={() => void downloadCsv()}>
          {download.busy ? "Downloading…" : "Download CSV"}
        </button>
        <label class="check">
          <input type="checkbox" checked={state.escapeFormulas}
            onChange={(e) => navigate(href("/reports", serializeReportState({ ...state, escapeFormulas: e.currentTarget.checked })), { replace: true })} />
          Escape spreadsheet formulas in the CSV (a name starting with = + - @ gets a leading ')
        </label>
        {download.saved && <span class="status" role="status">Saved {download.saved}.</span>}
      </div>
      {download.error && <ErrorBox error={download.error} />}
      {error && !anyFieldError && <ErrorBox error={error} />}
      {loaded.state === "loading" && <p aria-live="polite">Loading…</p>}
      {loaded.state === "done" && <ReportTable report={loaded.value} />}
    </section>
  );
}

function ReportForm({ state, errorFor, onSame }: { state: ReportState; errorFor: (name: string) => string | undefined; onSame: () => void }) {
  const range = resolveRange(state.range, new Date(), state.zone);
  const [form, setForm] = useState({ from: range.from, to: range.to, groupBy: state.groupBy });
  const toggle = (name: string) => (e: Event) => {
    const checked = (e.currentTarget as HTMLInputElement).checked;
    const rest = form.groupBy.filter((g) => g !== name);
    // Dimensions keep the API's order, so a report's columns and row order are the same whatever was ticked first.
    setForm({ ...form, groupBy: checked ? dimensions.filter((d) => d === name || rest.includes(d)) : rest });
  };
  const go = (next: ReportState) => {
    const url = href("/reports", serializeReportState(next));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    go({ ...state, range: { from: form.from, to: form.to }, groupBy: form.groupBy });
  };
  const groupError = errorFor("groupBy");
  return (
    <form class="report-form" onSubmit={submit} aria-label="Choose the report">
      <nav class="presets" aria-label="Range">
        {presets.map((p) => (
          <Link key={p.id} to="/reports" search={serializeReportState({ ...state, range: { preset: p.id } })}
            current={"preset" in state.range && state.range.preset === p.id}>{p.label}</Link>
        ))}
      </nav>
      <div class="filters">
        <ZonePicker id="r-tz" zone={state.zone} onPick={(zone) => go({ ...state, zone })} />
        <Field id="r-from" label={`From (${state.zone} day)`} error={errorFor("from")}>
          <input id="r-from" type="date" required value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} {...fieldAria("r-from", errorFor("from"))} />
        </Field>
        <Field id="r-to" label={`To (${state.zone} day)`} error={errorFor("to")} hint="At most 400 days, from and to included.">
          <input id="r-to" type="date" required value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} {...fieldAria("r-to", errorFor("to"), true)} />
        </Field>
      </div>
      <fieldset class="checks" aria-describedby={groupError ? "r-groupBy-error" : undefined}>
        <legend>Group by</legend>
        {dimensions.map((d) => (
          <label class="check" key={d}><input type="checkbox" name="groupBy" value={d} checked={form.groupBy.includes(d)} onChange={toggle(d)} /> {d}</label>
        ))}
        {groupError && <p class="field-error" id="r-groupBy-error" role="alert">{groupError}</p>}
      </fieldset>
      <div class="actions"><button type="submit">Show</button></div>
    </form>
  );
}

function ReportTable({ report }: { report: Report }) {
  const money = (payout: string | null, overflow: boolean | undefined, currency: string | null) => {
    const amount = amountOf(payout, overflow);
    return amount === "overflow" ? "too large to sum" : amount === null ? "—" : formatMoney(amount, currency);
  };
  return (
    <>
      <p class="summary" aria-live="polite">
        {report.from === report.to ? report.from : `${report.from} to ${report.to}`} ({report.timeZone ?? "UTC"}): {formatCount(report.conversions)} counted conversion{report.conversions === 1 ? "" : "s"}
        {report.groupBy.length > 0 ? `, by ${report.groupBy.join(", ")} and currency` : ", by currency"}. Each conversion counts once, in its current status.
      </p>
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


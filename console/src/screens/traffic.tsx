// Traffic: the traffic report (GET /api/reports/traffic) — clicks, conversions, CR, revenue, cost, profit, ROI and
// EPC per group of click dimensions, in the chosen zone's days, with a chart of clicks against conversions per day
// and the same report as a CSV file. Two calls per view whatever the data size: the grouping asked for, and by day
// for the chart.

import { ErrorBox } from "../components/ErrorBox";
import { ReportForm } from "../components/ReportForm";
import { Status } from "../components/Status";
import { TimeChart } from "../components/TimeChart";
import { ApiError } from "../lib/api";
import { useApi } from "../lib/context";
import { formatCount } from "../lib/format";
import {
  clicksAndConversions, figureText, isMissing, parseTrafficState, serializeTrafficState, trafficCsvQuery, trafficDimensions, trafficFields,
  trafficQuery, type TrafficFigures, type TrafficReport,
} from "../lib/traffic";
import { useCsvDownload } from "../lib/useCsvDownload";
import { useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

export default function Traffic({ screen, place }: ScreenProps) {
  const api = useApi();
  const state = parseTrafficState(place.search);
  // A preset resolves when the view loads (a new URL, or Show): a re-render after midnight does not move the days.
  const query = trafficQuery(state, new Date(), "json");
  const [loaded, reload] = useLoad(async (signal) => {
    const [report, byDay] = await Promise.all([
      api.get<TrafficReport>("/api/reports/traffic", query, { signal }),
      api.get<TrafficReport>("/api/reports/traffic", { ...query, groupBy: "day" }, { signal }),
    ]);
    return { report, byDay };
  }, [place.search]);
  const [download, downloadCsv] = useCsvDownload("/api/reports/traffic", "traffic",
    () => trafficCsvQuery(state, loaded.state === "done" ? loaded.value.report : query as { from: string; to: string }));
  const error = loaded.state === "failed" ? loaded.error : undefined;
  const fieldError = (name: string) => (error instanceof ApiError && error.field === name ? error.message : undefined);
  const anyFieldError = ["from", "to", "groupBy"].some((f) => fieldError(f));

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <ReportForm key={place.search} state={state} path="/traffic" serialize={serializeTrafficState} dimensions={trafficDimensions} idPrefix="t"
        label="Choose the traffic report" errorFor={fieldError} onSame={reload} />
      <div class="toolbar">
        <button type="button" class="secondary" disabled={download.busy || loaded.state !== "done"} onClick={() => void downloadCsv()}>
          {download.busy ? "Downloading…" : "Download CSV"}
        </button>
        {download.saved && <Status as="span" role="status" class="status">Saved {download.saved}.</Status>}
      </div>
      {download.error && <ErrorBox error={download.error} />}
      {error && !anyFieldError && <ErrorBox error={error} />}
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "done" && <Figures report={loaded.value.report} byDay={loaded.value.byDay} />}
    </section>
  );
}

function Figures({ report, byDay }: { report: TrafficReport; byDay: TrafficReport }) {
  const chart = clicksAndConversions(byDay.rows, byDay.from, byDay.to);
  const cells = (f: TrafficFigures, key: string) => (
    <>
      <td class="num" data-field="clicks" data-value={String(f.clicks)} key={`${key}-clicks`}>{formatCount(f.clicks)}</td>
      <td class="num" data-field="conversions" data-value={String(f.conversions)}>{formatCount(f.conversions)}</td>
      {trafficFields.map((name) => (
        <td class="num" data-field={name} data-value={f[name] ?? ""} data-missing={isMissing(f, name) ? "" : undefined} key={`${key}-${name}`}>
          {figureText(f, name, report.currency)}
        </td>
      ))}
    </>
  );
  return (
    <>
      <Status class="summary" id="traffic-range" data-from={report.from} data-to={report.to}>
        {report.from === report.to ? report.from : `${report.from} to ${report.to}`} ({report.timeZone} days):
        {" "}{formatCount(report.totals.clicks)} clicks, {formatCount(report.totals.conversions)} conversions (net of rejections),
        money in {report.currency ?? "no common currency (set a base currency)"}.
        {!report.complete && " Some rates are missing, so some money is not shown."}
        {" "}CR = conversions ÷ clicks, EPC = revenue ÷ clicks, ROI = profit ÷ cost; "—" where the divisor is 0, "missing" where
        {" "}money could not be converted (a rate is missing, or amounts have no common currency).
      </Status>
      <h2 id="per-day">Clicks and conversions per day</h2>
      <TimeChart label="Clicks and conversions per day: the figures are in the table below" times={chart.times} zone={byDay.timeZone} series={chart.series} />
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Clicks and conversions per day">
        <table class="figures" id="traffic-per-day">
          <thead><tr><th scope="col">Day ({report.timeZone})</th><th scope="col">clicks</th><th scope="col">conversions</th></tr></thead>
          <tbody>
            {chart.days.map((d, i) => (
              <tr key={d} data-day={d}>
                <th scope="row">{d}</th>
                <td class="num" data-field="clicks" data-value={String(chart.series[0]!.values[i])}>{formatCount(chart.series[0]!.values[i]!)}</td>
                <td class="num" data-field="conversions" data-value={String(chart.series[1]!.values[i])}>{formatCount(chart.series[1]!.values[i]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="groups">By {report.groupBy.length > 0 ? report.groupBy.join(", ") : "nothing (totals)"}</h2>
      {report.rows.length === 0 ? <p>No clicks, conversions or costs in these days.</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="groups">
          <table class="figures" id="traffic-rows">
            <thead>
              <tr>
                {report.groupBy.map((g) => <th scope="col" key={g}>{g}</th>)}
                <th scope="col">clicks</th><th scope="col">conversions</th><th scope="col">CR</th><th scope="col">revenue</th>
                <th scope="col">cost</th><th scope="col">profit</th><th scope="col">ROI</th><th scope="col">EPC</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row, i) => (
                <tr key={i} data-row={report.groupBy.map((g) => row[g as keyof typeof row] ?? "").join("|")}>
                  {report.groupBy.map((g) => <td key={g}>{(row[g as keyof typeof row] as string | null | undefined) ?? <span class="hint">(none)</span>}</td>)}
                  {cells(row, String(i))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-row="total">
                {report.groupBy.length > 0 && <th scope="row" colSpan={report.groupBy.length}>Total</th>}
                {cells(report.totals, "total")}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}

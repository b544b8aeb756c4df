// The overview: for today, yesterday, 7 or 30 days or chosen days, conversions by type and status, payout net of
// rejections per currency, a chart per day stacked by type, and the top networks and programs. Every figure is the
// report API's (two calls per view, whatever the data size: lib/overview.ts). Rejected postbacks by reason, orphans
// and the processor's health come from GET /api/overview (a third call: lib/summary.ts); clicks against conversions
// per day from the traffic report (a fourth: lib/traffic.ts).

import { useState } from "preact/hooks";
import { ErrorBox } from "../components/ErrorBox";
import { Field, fieldAria } from "../components/Field";
import { Link } from "../components/Link";
import { TimeChart } from "../components/TimeChart";
import { ApiError } from "../lib/api";
import { useApi } from "../lib/context";
import { formatCount, formatMoney } from "../lib/format";
import { dailyByType, statuses, top, typeStatusCounts, type Ranked } from "../lib/overview";
import { healthLines, refusalCount, refusedLine, refusalsSearch, type OverviewSummary } from "../lib/summary";
import { amountOf, type Report, type ReportTotal } from "../lib/report";
import { parseRange, parseZone, presets, rangeParams, resolveRange, zoneParams, type RangeChoice } from "../lib/ranges";
import { ZonePicker } from "../components/ZonePicker";
import { href, navigate } from "../lib/router";
import { clicksAndConversions, formatPercent, type TrafficReport } from "../lib/traffic";
import { useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

const topCount = 10;

function search(choice: RangeChoice, zone: string): string {
  return `?${new URLSearchParams([...rangeParams(choice), ...zoneParams(zone)]).toString()}`;
}

export default function Overview({ screen, place }: ScreenProps) {
  const api = useApi();
  const params = new URLSearchParams(place.search);
  const choice = parseRange(params, "today");
  const zone = parseZone(params);
  const range = resolveRange(choice, new Date(), zone);
  const [loaded] = useLoad(async (signal) => {
    const days = { ...range, tz: zone };
    const [byDay, byName, summary, traffic] = await Promise.all([
      api.get<Report>("/api/reports/conversions", { ...days, groupBy: "day,type,status" }, { signal }),
      api.get<Report>("/api/reports/conversions", { ...days, groupBy: "network,program" }, { signal }),
      api.get<OverviewSummary>("/api/overview", days, { signal }),
      api.get<TrafficReport>("/api/reports/traffic", { ...days, groupBy: "day" }, { signal }),
    ]);
    return { byDay, byName, summary, traffic };
  }, [range.from, range.to, zone]);
  const error = loaded.state === "failed" ? loaded.error : undefined;
  const fieldError = (name: "from" | "to") => (error instanceof ApiError && error.field === name ? error.message : undefined);

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <nav class="presets" aria-label="Range">
        {presets.map((p) => (
          <Link key={p.id} to="/" search={search({ preset: p.id }, zone)} current={"preset" in choice && choice.preset === p.id}>{p.label}</Link>
        ))}
      </nav>
      <ZonePicker id="o-tz" zone={zone} onPick={(z) => navigate(href("/", search(choice, z)))} />
      <RangeForm key={`${range.from}/${range.to}/${zone}`} from={range.from} to={range.to} zone={zone} errorFor={fieldError} />
      <p class="summary" id="overview-range" data-from={range.from} data-to={range.to}>
        {range.from === range.to ? range.from : `${range.from} to ${range.to}`} ({zone} days, as the report API counts them).
        Conversions are counted in their current status; <Link to="/reports" search={search(choice, zone) + "&groupBy=day,type,status"}>the same figures as a report</Link>.
      </p>
      {error && !fieldError("from") && !fieldError("to") && <ErrorBox error={error} />}
      {loaded.state === "loading" && <p aria-live="polite">Loading…</p>}
      {loaded.state === "done" && <Figures byDay={loaded.value.byDay} byName={loaded.value.byName} />}
      {loaded.state === "done" && <ClicksAndConversions traffic={loaded.value.traffic} search={search(choice, zone)} />}
      {loaded.state === "done" && <Processing summary={loaded.value.summary} />}
    </section>
  );
}

function ClicksAndConversions({ traffic, search }: { traffic: TrafficReport; search: string }) {
  const chart = clicksAndConversions(traffic.rows, traffic.from, traffic.to);
  const t = traffic.totals;
  return (
    <>
      <h2 id="clicks">Clicks and conversions</h2>
      <p id="clicks-total" data-clicks={String(t.clicks)} data-conversions={String(t.conversions)} data-cr={t.cr ?? ""}>
        {formatCount(t.clicks)} clicks, {formatCount(t.conversions)} conversions: CR {formatPercent(t.cr)}
        {" "}(<Link to="/traffic" search={search + "&groupBy=day,source"}>revenue, cost, ROI and EPC by source</Link>).
      </p>
      <TimeChart label="Clicks and conversions per day: the figures are on the traffic screen" times={chart.times} zone={traffic.timeZone} series={chart.series} />
    </>
  );
}

function Processing({ summary }: { summary: OverviewSummary }) {
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
                    <th scope="row">{search ? <Link to="/postbacks" search={search}><code>{r.reason}</code></Link> : <code>{r.reason}</code>}</th>
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

function RangeForm({ from, to, zone, errorFor }: { from: string; to: string; zone: string; errorFor: (name: "from" | "to") => string | undefined }) {
  const [form, setForm] = useState({ from, to });
  const submit = (e: Event) => {
    e.preventDefault();
    navigate(href("/", search({ from: form.from, to: form.to }, zone)));
  };
  return (
    <form class="filters" onSubmit={submit} aria-label="Choose days">
      <Field id="o-from" label={`From (${zone} day)`} error={errorFor("from")}>
        <input id="o-from" type="date" required value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} {...fieldAria("o-from", errorFor("from"))} />
      </Field>
      <Field id="o-to" label={`To (${zone} day)`} error={errorFor("to")}>
        <input id="o-to" type="date" required value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} {...fieldAria("o-to", errorFor("to"))} />
      </Field>
      <div class="actions"><button type="submit">Show</button></div>
    </form>
  );
}

const cell = (value: number) => <td class="num" data-value={String(value)}>{formatCount(value)}</td>;

function moneyCell(field: string, payout: string | null, overflow: boolean | undefined, currency: string | null) {
  const amount = amountOf(payout, overflow);
  return (
    <td class="num" data-field={field} data-value={amount ?? ""}>
      {amount === "overflow" ? "too large to sum" : amount === null ? "—" : formatMoney(amount, currency)}
    </td>
  );
}

function Figures({ byDay, byName }: { byDay: Report; byName: Report }) {
  const counts = typeStatusCounts(byDay.rows);
  const daily = dailyByType(byDay.rows, byDay.from, byDay.to);
  return (
    <>
      <h2 id="by-type">Conversions by type and status</h2>
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="by-type">
        <table class="figures" id="type-status">
          <thead>
            <tr>
              <th scope="col">Type</th>
              {statuses.map((s) => <th scope="col" key={s}>{s}</th>)}
              <th scope="col">counted (approved and pending)</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.type} data-type={c.type}>
                <th scope="row">{c.type}</th>
                {statuses.map((s) => <td class="num" key={s} data-status={s} data-value={String(c.byStatus[s] ?? 0)}>{formatCount(c.byStatus[s] ?? 0)}</td>)}
                <td class="num" data-status="counted" data-value={String(c.net)}>{formatCount(c.net)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="payout">Payout per currency</h2>
      <p class="hint">Net of rejections: approved and pending conversions. Rejected ones are beside them.</p>
      {byDay.totals.length === 0 ? <p>No conversions in these days.</p> : <Totals totals={byDay.totals} />}

      <h2 id="per-day">Conversions per day by type</h2>
      <TimeChart label="Counted conversions per day, stacked by type: the figures are in the table below" times={daily.times} zone={byDay.timeZone ?? "UTC"} series={daily.series} stacked />
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Counted conversions per day by type">
        <table class="figures" id="per-day-table">
          <thead><tr><th scope="col">Day ({byDay.timeZone ?? "UTC"})</th>{daily.series.map((s) => <th scope="col" key={s.label}>{s.label}</th>)}</tr></thead>
          <tbody>
            {daily.days.map((day, i) => (
              <tr key={day} data-day={day}>
                <th scope="row">{day}</th>
                {daily.series.map((s) => <td class="num" key={s.label} data-type={s.label} data-value={String(s.values[i] ?? 0)}>{formatCount(s.values[i] ?? 0)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="top-networks">Top networks</h2>
      <TopTable id="networks" label="Network" items={top(byName.rows, "network", topCount)} />
      <h2 id="top-programs">Top programs</h2>
      <TopTable id="programs" label="Program" items={top(byName.rows, "program", topCount)} />
    </>
  );
}

function Totals({ totals }: { totals: ReportTotal[] }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="payout">
      <table class="figures" id="currencies">
        <thead>
          <tr>
            <th scope="col">Currency</th><th scope="col">Counted</th><th scope="col">Payout (net)</th>
            <th scope="col">Approved payout</th><th scope="col">Pending payout</th><th scope="col">Rejected</th><th scope="col">Rejected payout</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((t) => (
            <tr key={t.currency ?? ""} data-currency={t.currency ?? ""}>
              <th scope="row">{t.currency ?? "no currency"}</th>
              {cell(t.conversions)}
              {moneyCell("payout", t.payout, t.payoutOverflow, t.currency)}
              {moneyCell("approved", t.byStatus.approved.payout, t.byStatus.approved.payoutOverflow, t.currency)}
              {moneyCell("pending", t.byStatus.pending.payout, t.byStatus.pending.payoutOverflow, t.currency)}
              {cell(t.rejected)}
              {moneyCell("rejectedPayout", t.rejectedPayout, t.rejectedPayoutOverflow, t.currency)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TopTable({ id, label, items }: { id: string; label: string; items: Ranked[] }) {
  if (items.length === 0) return <p>None in these days.</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby={`top-${id}`}>
      <table class="figures" id={`top-${id}-table`}>
        <thead><tr><th scope="col">{label}</th><th scope="col">Counted</th><th scope="col">Payout (net) per currency</th><th scope="col">Rejected</th></tr></thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.name ?? ""} data-name={item.name ?? ""}>
              <th scope="row">{item.name ?? <span class="hint">(none named)</span>}</th>
              {cell(item.conversions)}
              <td>
                <ul class="plain-list">
                  {item.payouts.map((p) => (
                    <li key={p.currency ?? ""} data-currency={p.currency ?? ""} data-value={p.payout ?? ""}>
                      {p.payout === "overflow" ? "too large to sum" : p.payout === null ? "—" : formatMoney(p.payout, p.currency)}{p.currency ? "" : " (no currency)"}
                    </li>
                  ))}
                </ul>
              </td>
              {cell(item.rejected)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The overview: for today, yesterday, 7 or 30 days or chosen days, conversions by type and status, payout net of
// rejections per currency, a chart per day stacked by type, and the top networks and programs. Every figure is the
// report API's (two calls per view, whatever the data size: lib/overview.ts). Rejected postbacks by reason, orphans
// and the processor's health come from GET /api/overview (a third call: lib/summary.ts); clicks against conversions
// per day from the traffic report (a fourth: lib/traffic.ts). The figures and processing parts live in overview/.

import { useState } from "preact/hooks";
import { ErrorBox } from "../components/ErrorBox";
import { Field, fieldAria } from "../components/Field";
import { Link } from "../components/Link";
import { Status } from "../components/Status";
import { TimeChart } from "../components/TimeChart";
import { ApiError } from "../lib/api";
import { useApi } from "../lib/context";
import { formatCount } from "../lib/format";
import type { OverviewSummary } from "../lib/summary";
import type { Report } from "../lib/report";
import { parseRange, parseZone, presets, rangeParams, resolveRange, zoneParams, type RangeChoice } from "../lib/ranges";
import { ZonePicker } from "../components/ZonePicker";
import { href, navigate } from "../lib/router";
import { clicksAndConversions, formatPercent, type TrafficReport } from "../lib/traffic";
import { useLoad } from "../lib/useLoad";
import { Figures } from "./overview/Figures";
import { Processing } from "./overview/Processing";
import type { ScreenProps } from "./registry";

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
      {loaded.state === "loading" && <Status>Loading…</Status>}
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

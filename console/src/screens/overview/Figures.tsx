// The overview's conversion figures: by type and status, payout per currency, per day (a chart and its table), and
// the top networks and programs, each as the report API counts them.

import { TimeChart } from "../../components/TimeChart";
import { formatCount, formatMoney } from "../../lib/format";
import { dailyByType, statuses, top, typeStatusCounts, type Ranked } from "../../lib/overview";
import { amountOf, type Report, type ReportTotal } from "../../lib/report";

const topCount = 10;

const cell = (value: number) => <td class="num" data-value={String(value)}>{formatCount(value)}</td>;

function moneyCell(field: string, payout: string | null, overflow: boolean | undefined, currency: string | null) {
  const amount = amountOf(payout, overflow);
  return (
    <td class="num" data-field={field} data-value={amount ?? ""}>
      {amount === "overflow" ? "too large to sum" : amount === null ? "—" : formatMoney(amount, currency)}
    </td>
  );
}

export function Figures({ byDay, byName }: { byDay: Report; byName: Report }) {
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

// The postback log: one day of postbacks in the page's zone (?tz=, UTC when absent) and what became of each,
// filtered and paged by the API (GET /api/postbacks with that tz=). Every value in a row came from a network or a caller and is shown as text only.

import { useEffect, useState } from "preact/hooks";
import { ErrorBox } from "../components/ErrorBox";
import { Field, fieldAria } from "../components/Field";
import { Link } from "../components/Link";
import { TimesZone } from "../components/TimesZone";
import { fieldErrorOf, UnauthorizedError } from "../lib/api";
import { useApi } from "../lib/context";
import { dayIn } from "../lib/dates";
import { formatDateTime, formatMoney, pageNote } from "../lib/format";
import { logQuery, nextPageOf, outcomes, parseLogFilters, serializeLogFilters, types, type LogFilters } from "../lib/logFilters";
import { timesZone } from "../lib/ranges";
import { href, navigate } from "../lib/router";
import type { ScreenProps } from "./registry";

interface ConversionState {
  status?: string;
  payout?: string;
  currency?: string;
}

export interface LogItem {
  id: string;
  receivedAt: string;
  processedAt?: string;
  type: string;
  outcome: string;
  reason?: string;
  httpStatus?: number;
  clickid?: string;
  network?: string;
  program?: string;
  txid?: string;
  payout?: string;
  currency?: string;
  status?: string;
  duplicateOf?: string;
  conversionKey?: string;
  from?: ConversionState;
  to?: ConversionState;
  warnings?: string[];
  method?: string;
  query?: string;
  queryTruncated?: boolean;
  body?: string;
  clientIp?: string;
  forwardedFor?: string;
  userAgent?: string;
}

export interface LogPage {
  date: string;
  count: number;
  items: LogItem[];
  continuationToken: string | null;
}

const pageSize = 50;
/** The filters the form has a field for: a refusal of any other parameter is shown as a whole. */
const logFields = ["date", "hour", "type", "outcome", "reason", "network"] as const;
const refreshSeconds = 10;

// Each answer names the query it answers: while other filters are read, the rows of the ones before are not shown
// under them (nor a Next page link that would carry their token with the new filters).
type Load = { state: "loading" } | { state: "done"; page: LogPage; at: Date; search: string } | { state: "failed"; error: Error; search: string };

export default function Postbacks({ place, screen }: ScreenProps) {
  const api = useApi();
  const filters = parseLogFilters(place.search);
  const zone = timesZone(place.search);
  // The zone's today (a zone the browser does not know shows UTC's times and today; the API refuses its name).
  const today = dayIn(new Date(), zone);
  const [answer, setLoad] = useState<Load>({ state: "loading" });
  const load: Load = answer.state !== "loading" && answer.search !== place.search ? { state: "loading" } : answer;
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const abort = new AbortController();
    api.get<LogPage>("/api/postbacks", logQuery(filters, today, pageSize), { signal: abort.signal })
      .then((page) => setLoad({ state: "done", page, at: new Date(), search: place.search }))
      .catch((error: unknown) => {
        if (abort.signal.aborted || error instanceof UnauthorizedError) return;
        setLoad({ state: "failed", error: error instanceof Error ? error : new Error(String(error)), search: place.search });
      });
    return () => abort.abort();
  }, [place.search, tick]);

  // Auto-refresh watches the first page (where new postbacks arrive) while the tab is visible.
  const live = filters.live && !filters.page;
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => {
      if (!document.hidden) setTick((t) => t + 1);
    }, refreshSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [live]);

  const fieldError = load.state === "failed" ? fieldErrorOf(load.error, logFields) : undefined;
  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : undefined);
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <FilterForm key={place.search} filters={filters} today={today} zone={filters.tz ?? zone} errorFor={errorFor} onSame={() => setTick((t) => t + 1)} />
      <div class="toolbar">
        <label class="check">
          <input
            type="checkbox"
            checked={filters.live}
            onChange={(e) => navigate(href("/postbacks", serializeLogFilters({ ...filters, live: e.currentTarget.checked })), { replace: true })}
          />
          Auto-refresh every {refreshSeconds} s
        </label>
        {filters.live && filters.page && <span class="hint">(refreshes on the first page only)</span>}
        {load.state === "done" && <span class="hint" aria-live="polite">Updated {formatDateTime(load.at.toISOString(), zone)}</span>}
      </div>
      {/* Another zone is another day: its first page (a page token belongs to the zone it was read in). */}
      <TimesZone id="f-tz" place={{ ...place, search: serializeLogFilters(firstPageOf(filters)) }} zone={zone} />
      {load.state === "failed" && !fieldError && <ErrorBox error={load.error} />}
      {fieldError && <p class="hint">The filters above need a change: see the message under the field.</p>}
      {load.state === "loading" && <p aria-live="polite">Loading…</p>}
      {load.state === "done" && (
        <>
          <p class="summary" aria-live="polite">
            {load.page.count === 0 ? "No postbacks match." : `${load.page.count} postback${load.page.count === 1 ? "" : "s"}`} on {load.page.date} ({filters.tz ?? zone}){pageNote(load.page.continuationToken !== null, filters.page !== undefined)}. Times are in {zone}.
          </p>
          <ol class="log" aria-label="Postbacks, newest first">
            {load.page.items.map((item) => (
              <LogRow key={item.id} item={item} zone={zone} open={open.has(item.id)} onToggle={() => toggle(item.id)} />
            ))}
          </ol>
          <nav class="pager" aria-label="Pages">
            {filters.page && <Link to="/postbacks" search={serializeLogFilters(firstPageOf(filters))}>First page</Link>}
            {load.page.continuationToken && (
              <Link to="/postbacks" search={serializeLogFilters(nextPageOf(filters, { date: load.page.date, continuationToken: load.page.continuationToken }))}>Next page</Link>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

function FilterForm({ filters, today, zone, errorFor, onSame }: {
  filters: LogFilters;
  today: string;
  /** The zone the day and hour are read in, named in their labels. */
  zone: string;
  errorFor: (field: string) => string | undefined;
  /** Show with unchanged filters reads the log again. */
  onSame: () => void;
}) {
  const [form, setForm] = useState({
    date: filters.date ?? today,
    hour: filters.hour ?? "",
    type: filters.type ?? "",
    outcome: filters.outcome ?? "",
    reason: filters.reason ?? "",
    network: filters.network ?? "",
  });
  const set = (name: keyof typeof form) => (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    const next: LogFilters = { live: filters.live, ...(filters.tz ? { tz: filters.tz } : {}) };
    if (form.date && form.date !== today) next.date = form.date;
    for (const name of ["hour", "type", "outcome", "reason", "network"] as const) {
      if (form[name].trim()) next[name] = form[name].trim();
    }
    const url = href("/postbacks", serializeLogFilters(next));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  const dateError = errorFor("date");
  return (
    <form class="filters" onSubmit={submit} aria-label="Filter the postback log">
      <Field id="f-date" label={`Day (${zone})`} error={dateError}>
        <input id="f-date" type="date" required value={form.date} onInput={set("date")} {...fieldAria("f-date", dateError)} />
      </Field>
      <Field id="f-hour" label={`Hour (${zone})`} error={errorFor("hour")}>
        <select id="f-hour" value={form.hour} onChange={set("hour")} {...fieldAria("f-hour", errorFor("hour"))}>
          <option value="">Any</option>
          {Array.from({ length: 24 }, (_, h) => <option value={String(h)}>{String(h).padStart(2, "0")}:00</option>)}
        </select>
      </Field>
      <Field id="f-outcome" label="Outcome" error={errorFor("outcome")}>
        <select id="f-outcome" value={form.outcome} onChange={set("outcome")} {...fieldAria("f-outcome", errorFor("outcome"))}>
          <option value="">Any</option>
          {outcomes.map((o) => <option value={o}>{o}</option>)}
        </select>
      </Field>
      <Field id="f-type" label="Type" error={errorFor("type")}>
        <select id="f-type" value={form.type} onChange={set("type")} {...fieldAria("f-type", errorFor("type"))}>
          <option value="">Any</option>
          {types.map((t) => <option value={t}>{t}</option>)}
        </select>
      </Field>
      <Field id="f-reason" label="Reason code" error={errorFor("reason")}>
        <input id="f-reason" type="text" spellcheck={false} autocomplete="off" placeholder="e.g. unreplaced-macro"
          value={form.reason} onInput={set("reason")} {...fieldAria("f-reason", errorFor("reason"))} />
      </Field>
      <Field id="f-network" label="Network" error={errorFor("network")}>
        <input id="f-network" type="text" spellcheck={false} autocomplete="off" placeholder="exactly as sent"
          value={form.network} onInput={set("network")} {...fieldAria("f-network", errorFor("network"))} />
      </Field>
      <div class="actions">
        <button type="submit">Show</button>
      </div>
    </form>
  );
}

const knownOutcomes: ReadonlySet<string> = new Set(outcomes);

function LogRow({ item, zone, open, onToggle }: { item: LogItem; zone: string; open: boolean; onToggle: () => void }) {
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

function Term({ name, value, mono = false }: { name: string; value: string | undefined; mono?: boolean }) {
  if (value === undefined || value === "") return null;
  return (
    <>
      <dt>{name}</dt>
      <dd class={mono ? "mono" : undefined}>{value}</dd>
    </>
  );
}

function firstPageOf(filters: LogFilters): LogFilters {
  const { page: _, ...rest } = filters;
  return rest;
}

function stateText(state: ConversionState | undefined): string | undefined {
  if (!state) return undefined;
  const money = state.payout ? formatMoney(state.payout, state.currency) : "no payout";
  return `${state.status ?? "—"}, ${money}`;
}

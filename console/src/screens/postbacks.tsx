// The postback log: one day of postbacks in the page's zone (?tz=, UTC when absent) and what became of each,
// filtered and paged by the API (GET /api/postbacks with that tz=). Every value in a row came from a network or a caller and is shown as text only.
// The filter form and a row live in postbacks/, the API's shapes in lib/postbackLog.ts.

import { useEffect, useState } from "preact/hooks";
import { ErrorBox } from "../components/ErrorBox";
import { Link } from "../components/Link";
import { Status } from "../components/Status";
import { TimesZone } from "../components/TimesZone";
import { fieldErrorOf, UnauthorizedError } from "../lib/api";
import { useApi } from "../lib/context";
import { dayIn } from "../lib/dates";
import { formatDateTime, pageNote } from "../lib/format";
import { logQuery, nextPageOf, parseLogFilters, serializeLogFilters, type LogFilters } from "../lib/logFilters";
import type { LogPage } from "../lib/postbackLog";
import { timesZone } from "../lib/ranges";
import { href, navigate } from "../lib/router";
import { FilterForm } from "./postbacks/FilterForm";
import { LogRow } from "./postbacks/LogRow";
import type { ScreenProps } from "./registry";

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
        {/* Not a live region: with auto-refresh it changes every 10 s; the summary below says when rows arrived. */}
        {load.state === "done" && <span class="hint">Updated {formatDateTime(load.at.toISOString(), zone)}</span>}
      </div>
      {/* Another zone is another day: its first page (a page token belongs to the zone it was read in). */}
      <TimesZone id="f-tz" place={{ ...place, search: serializeLogFilters(firstPageOf(filters)) }} zone={zone} />
      {load.state === "failed" && !fieldError && <ErrorBox error={load.error} />}
      {fieldError && <p class="hint">The filters above need a change: see the message under the field.</p>}
      {load.state === "loading" && <Status>Loading…</Status>}
      {load.state === "done" && (
        <>
          <Status class="summary">
            {load.page.count === 0 ? "No postbacks match." : `${load.page.count} postback${load.page.count === 1 ? "" : "s"}`} on {load.page.date} ({filters.tz ?? zone}){pageNote(load.page.continuationToken !== null, filters.page !== undefined)}. Times are in {zone}.
          </Status>
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

function firstPageOf(filters: LogFilters): LogFilters {
  const { page: _, ...rest } = filters;
  return rest;
}

// A forward's delivery log: one day of the page's zone, filtered by outcome, paged, with replay.

import { useState } from "preact/hooks";
import { ErrorBox } from "../../components/ErrorBox";
import { Field, fieldAria } from "../../components/Field";
import { Link } from "../../components/Link";
import { Status } from "../../components/Status";
import { TimesZone } from "../../components/TimesZone";
import { fieldErrorOf, UnauthorizedError } from "../../lib/api";
import { useApi } from "../../lib/context";
import { dayIn } from "../../lib/dates";
import {
  deliveryOutcomes, deliveryQuery, nextDeliveryPageOf, parseDeliveryFilters, serializeDeliveryFilters, type DeliveryFilters, type DeliveryPage,
} from "../../lib/deliveries";
import { formatDateTime, pageNote } from "../../lib/format";
import { timesZone, withZone } from "../../lib/ranges";
import { href, navigate } from "../../lib/router";
import { asError, useLoad } from "../../lib/useLoad";
import type { ScreenProps } from "../registry";
import { idSearch } from "./idSearch";

export function Deliveries({ place }: ScreenProps) {
  const api = useApi();
  const filters = parseDeliveryFilters(place.search);
  const zone = timesZone(place.search);
  // The zone's today (a zone the browser does not know shows UTC's times and today; the API refuses its name).
  const today = dayIn(new Date(), zone);
  // A replay's message belongs to the list it was asked from: other filters (or another day) no longer show it.
  const [replayed, setReplayed] = useState<{ search: string; result: string | Error } | undefined>();
  const [loaded, reload] = useLoad(
    (signal) => api.get<DeliveryPage>(`/api/forwards/${encodeURIComponent(filters.id)}/deliveries`, deliveryQuery(filters, today, 50), { signal }),
    [place.search],
  );
  const error = loaded.state === "failed" ? loaded.error : undefined;
  const formError = fieldErrorOf(error, ["date", "outcome"]);
  const fieldError = (field: string) => (formError?.field === field ? formError.message : undefined);

  const replay = async (conversionId: string) => {
    try {
      const answer = await api.send<{ jobId: string }>("POST", `/api/forwards/${encodeURIComponent(filters.id)}/replay?conversion=${encodeURIComponent(conversionId)}`);
      setReplayed({ search: place.search, result: `Replay queued as job ${answer.jobId}: its attempts will appear in this log.` });
    } catch (e) {
      if (!(e instanceof UnauthorizedError)) setReplayed({ search: place.search, result: asError(e) });
    }
  };

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>Deliveries of {filters.id || "a forward"}</h1>
      <p>
        <Link to="/forwards">All forwards</Link> · <Link to="/forwards/edit" search={idSearch(filters.id)}>Edit {filters.id}</Link>
      </p>
      <DeliveryFilterForm key={place.search} filters={filters} today={today} zone={filters.tz ?? zone} errorFor={fieldError} onSame={reload} />
      {/* Another zone is another day: its first page (a page token belongs to the zone it was read in). */}
      <TimesZone id="d-tz" place={{ ...place, search: serializeDeliveryFilters(withoutPage(filters)) }} zone={zone} />
      {replayed?.search === place.search && (replayed.result instanceof Error
        ? <ErrorBox error={replayed.result} />
        : <Status role="status" class="status">{replayed.result}</Status>)}
      {error && !formError && <ErrorBox error={error} />}
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "done" && (
        <>
          <Status class="summary">
            {loaded.value.count === 0 ? "No delivery attempts match." : `${loaded.value.count} attempt${loaded.value.count === 1 ? "" : "s"}`} on {loaded.value.date} ({loaded.value.timeZone}){pageNote(loaded.value.continuationToken !== null, filters.page !== undefined)}, newest first. URLs are shown with their secrets redacted by Trax.
          </Status>
          <ol class="log" aria-label="Delivery attempts, newest first">
            {loaded.value.items.map((d) => (
              <li class="card delivery" key={`${d.jobId}-${d.attempt}`}>
                <p class="delivery-head">
                  <span class="time">{formatDateTime(d.at, zone)}</span>{" "}
                  <span class={`badge delivery-${deliveryOutcomes.includes(d.outcome as never) ? d.outcome : "other"}`}>{d.outcome}</span>{" "}
                  <span>attempt {d.attempt}{d.replay ? " (replay)" : ""}, status {d.status}</span>
                </p>
                <dl class="terms">
                  <dt>Request</dt><dd class="mono">{d.method ?? ""} {d.url ?? "—"}</dd>
                  <dt>Answer</dt><dd>{d.httpStatus !== undefined ? `HTTP ${d.httpStatus}` : "none"}{d.error ? ` · ${d.error}` : ""}{d.durationMs !== undefined ? ` · ${d.durationMs} ms` : ""}</dd>
                  {d.nextAttemptAt && <><dt>Next attempt</dt><dd>{formatDateTime(d.nextAttemptAt, zone)}</dd></>}
                  <dt>Conversion</dt><dd class="mono"><Link to="/conversions/view" search={withZone(`?id=${encodeURIComponent(d.conversionId)}`, zone)}>{d.conversionId}</Link></dd>
                  <dt>Job</dt><dd class="mono">{d.jobId}</dd>
                </dl>
                <button type="button" class="secondary" onClick={() => void replay(d.conversionId)} aria-label={`Replay conversion ${d.conversionId} to ${filters.id}`}>Replay</button>
              </li>
            ))}
          </ol>
          <nav class="pager" aria-label="Pages">
            {filters.page && <Link to="/forwards/deliveries" search={serializeDeliveryFilters(withoutPage(filters))}>First page</Link>}
            {loaded.value.continuationToken && <Link to="/forwards/deliveries" search={serializeDeliveryFilters(nextDeliveryPageOf(filters, { date: loaded.value.date, continuationToken: loaded.value.continuationToken }))}>Next page</Link>}
          </nav>
        </>
      )}
    </section>
  );
}

function withoutPage(filters: DeliveryFilters): DeliveryFilters {
  const { page: _, ...rest } = filters;
  return rest;
}

function DeliveryFilterForm({ filters, today, zone, errorFor, onSame }: {
  filters: DeliveryFilters;
  today: string;
  /** The zone the day is read in, named in its label. */
  zone: string;
  errorFor: (field: string) => string | undefined;
  onSame: () => void;
}) {
  const [date, setDate] = useState(filters.date ?? today);
  const [outcome, setOutcome] = useState(filters.outcome ?? "");
  const submit = (e: Event) => {
    e.preventDefault();
    const next: DeliveryFilters = { id: filters.id, ...(filters.tz ? { tz: filters.tz } : {}) };
    if (date && date !== today) next.date = date;
    if (outcome) next.outcome = outcome;
    const url = href("/forwards/deliveries", serializeDeliveryFilters(next));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  return (
    <form class="filters" onSubmit={submit} aria-label="Filter the delivery log">
      <Field id="d-date" label={`Day (${zone})`} error={errorFor("date")}>
        <input id="d-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} {...fieldAria("d-date", errorFor("date"))} />
      </Field>
      <Field id="d-outcome" label="Outcome" error={errorFor("outcome")}>
        <select id="d-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} {...fieldAria("d-outcome", errorFor("outcome"))}>
          <option value="">Any</option>
          {deliveryOutcomes.map((o) => <option value={o} key={o}>{o}</option>)}
        </select>
      </Field>
      <div class="actions"><button type="submit">Show</button></div>
    </form>
  );
}

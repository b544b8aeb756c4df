// Forwards (/api/forwards, Forwards/ForwardAdmin.cs): the list, a form to create and edit one (URL, method, body
// template, filters, timeout, enabled), delete, and each forward's delivery log with replay. A refusal's message is
// shown under the field it concerns (forms.ts maps the reason codes).

import { useState } from "preact/hooks";
import { ConfirmButton } from "../components/ConfirmButton";
import { ErrorBox } from "../components/ErrorBox";
import { Field, fieldAria } from "../components/Field";
import { Link } from "../components/Link";
import { NoIdNamed } from "../components/NoIdNamed";
import { TimesZone } from "../components/TimesZone";
import { ApiError, fieldErrorOf, UnauthorizedError } from "../lib/api";
import { useApi } from "../lib/context";
import { dayIn } from "../lib/dates";
import {
  deliveryOutcomes, deliveryQuery, nextDeliveryPageOf, parseDeliveryFilters, serializeDeliveryFilters, urlSummary, type DeliveryFilters, type DeliveryPage,
} from "../lib/deliveries";
import { formatDateTime, pageNote } from "../lib/format";
import {
  defaultForwardAttribution, emptyForwardForm, forwardAttributions, forwardFieldOf, forwardFormOf, forwardMacros, forwardRequestOf,
  type Forward, type ForwardForm,
} from "../lib/forms";
import { statuses, conversionTypes } from "../lib/overview";
import { timesZone, withZone } from "../lib/ranges";
import { href, navigate } from "../lib/router";
import { asError, useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

export default function Forwards(props: ScreenProps) {
  const id = new URLSearchParams(props.place.search).get("id")?.trim() ?? "";
  switch (props.screen.path) {
    case "/forwards/new": return <ForwardEditor {...props} id={undefined} />;
    case "/forwards/edit": return id ? <ForwardEditor {...props} id={id} /> : <NoIdNamed title="Forward" what="forward" list="/forwards" />;
    case "/forwards/deliveries": return id ? <Deliveries {...props} /> : <NoIdNamed title="Deliveries" what="forward" list="/forwards" />;
    default: return <ForwardList {...props} />;
  }
}

const idSearch = (id: string) => `?id=${encodeURIComponent(id)}`;

function filterText(values: string[] | undefined): string {
  return values && values.length > 0 ? values.join(", ") : "any";
}

function ForwardList({ screen, place }: ScreenProps) {
  const api = useApi();
  const params = new URLSearchParams(place.search);
  const [loaded, reload] = useLoad((signal) => api.get<{ forwards: Forward[] }>("/api/forwards", undefined, { signal }), []);
  const saved = params.get("saved");
  const deleted = params.get("deleted");
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <p class="note">A forward tells an ad platform or partner about each counted conversion and every change of its status, with the values its URL template asks for; each attempt is in its delivery log.</p>
      <div class="toolbar">
        <Link to="/forwards/new" class="button">New forward</Link>
        <button type="button" class="secondary" onClick={reload}>Reload</button>
      </div>
      {saved && <p class="status" role="status">Saved forward <strong>{saved}</strong>.</p>}
      {deleted && <p class="status" role="status">Deleted forward <strong>{deleted}</strong>; jobs still queued for it are cancelled.</p>}
      {loaded.state === "loading" && <p aria-live="polite">Loading…</p>}
      {loaded.state === "failed" && <ErrorBox error={loaded.error} />}
      {loaded.state === "done" && (loaded.value.forwards.length === 0
        ? <p>No forwards yet. <Link to="/forwards/new">Create the first one</Link>.</p>
        : (
          <ul class="cards" aria-label="Forwards">
            {loaded.value.forwards.map((forward) => (
              <li class="card" key={forward.id}>
                <h2 class="card-title">
                  <Link to="/forwards/edit" search={idSearch(forward.id)}>{forward.id}</Link>
                  {" "}<span class={forward.enabled ? "badge outcome-created" : "badge outcome-rejected"}>{forward.enabled ? "enabled" : "disabled"}</span>
                </h2>
                <dl class="terms">
                  <dt>Sends</dt><dd><span class="mono">{forward.method} {urlSummary(forward.url)}</span>{forward.bodyFormat ? ` with a ${forward.bodyFormat} body` : ""}</dd>
                  <dt>Types</dt><dd>{filterText(forward.types)}</dd>
                  <dt>Statuses</dt><dd>{filterText(forward.statuses)}</dd>
                  <dt>Networks</dt><dd>{filterText(forward.networks)}</dd>
                  <dt>Links</dt><dd>{filterText(forward.links)}</dd>
                  <dt>Campaigns</dt><dd>{filterText(forward.campaigns)}</dd>
                  <dt>Attribution</dt><dd>{(forward.attribution ?? defaultForwardAttribution).join(", ")}</dd>
                  <dt>Timeout</dt><dd>{forward.timeoutSeconds} s</dd>
                </dl>
                <p><Link to="/forwards/deliveries" search={idSearch(forward.id)}>Delivery log of {forward.id}</Link></p>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function ForwardEditor({ screen, id }: ScreenProps & { id: string | undefined }) {
  const api = useApi();
  const creating = id === undefined;
  const [loaded] = useLoad(
    (signal) => (creating ? Promise.resolve(undefined) : api.get<{ forward: Forward }>(`/api/forwards/${encodeURIComponent(id)}`, undefined, { signal }).then((b) => b.forward)),
    [id],
  );
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{creating ? screen.title : `Forward ${id}`}</h1>
      <p>
        <Link to="/forwards">All forwards</Link>
        {!creating && <> · <Link to="/forwards/deliveries" search={idSearch(id)}>Delivery log</Link></>}
      </p>
      {loaded.state === "loading" && <p aria-live="polite">Loading…</p>}
      {loaded.state === "failed" && <ErrorBox error={loaded.error} />}
      {loaded.state === "done" && <ForwardFormView key={id ?? ""} initial={loaded.value ? forwardFormOf(loaded.value) : emptyForwardForm} creating={creating} />}
    </section>
  );
}

type ForwardErrors = Partial<Record<keyof ForwardForm | "filters", string>>;

function ForwardFormView({ initial, creating }: { initial: ForwardForm; creating: boolean }) {
  const api = useApi();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<ForwardErrors>({});
  const [failure, setFailure] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (name: keyof ForwardForm) => (e: Event) => {
    const target = e.currentTarget as HTMLInputElement;
    setForm({ ...form, [name]: target.type === "checkbox" ? target.checked : target.value });
  };
  const toggle = (name: "types" | "statuses" | "attribution", value: string) => (e: Event) => {
    const checked = (e.currentTarget as HTMLInputElement).checked;
    const values = form[name].filter((v) => v !== value);
    setForm({ ...form, [name]: checked ? [...values, value] : values });
  };

  const showFieldError = (field: keyof ForwardForm | "filters", message: string) => {
    setErrors({ [field]: message });
    setFailure(undefined);
    document.getElementById(field === "filters" ? "fwd-types-ftd" : `fwd-${field}`)?.focus();
  };

  const fail = (error: unknown) => {
    if (error instanceof UnauthorizedError) return;
    const field = error instanceof ApiError ? forwardFieldOf(error, form) : undefined;
    if (field) {
      showFieldError(field, (error as ApiError).message);
    } else {
      setErrors({});
      setFailure(asError(error));
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const built = forwardRequestOf(form);
    if (built.error) {
      showFieldError(built.error.field as keyof ForwardForm, built.error.message);
      return;
    }
    const id = form.id.trim();
    setBusy(true);
    try {
      if (creating) {
        // PUT creates or replaces: a new forward must not silently replace one that has this id.
        const existing = await api.get<{ forwards: Forward[] }>("/api/forwards");
        if (existing.forwards.some((f) => f.id.toLowerCase() === id.toLowerCase())) {
          showFieldError("id", `A forward with the id ${id} exists already: open it from the list to change it.`);
          return;
        }
      }
      const answer = await api.send<{ forward: Forward }>("PUT", `/api/forwards/${encodeURIComponent(creating ? id : initial.id)}`, built.body);
      navigate(href("/forwards", `?saved=${encodeURIComponent(answer.forward.id)}`));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await api.send("DELETE", `/api/forwards/${encodeURIComponent(initial.id)}`);
      navigate(href("/forwards", `?deleted=${encodeURIComponent(initial.id)}`));
    } catch (error) {
      fail(error);
      setBusy(false);
    }
  };

  const text = (name: "id" | "url" | "timeoutSeconds", extra: Record<string, unknown> = {}) => (
    <input id={`fwd-${name}`} name={name} type="text" spellcheck={false} autocomplete="off" value={form[name]}
      onInput={set(name)} {...fieldAria(`fwd-${name}`, errors[name], true)} {...extra} />
  );
  const area = (name: "body" | "networks" | "links" | "campaigns", rows: number, describedBy?: string) => {
    const aria = fieldAria(`fwd-${name}`, errors[name], true);
    return (
      <textarea id={`fwd-${name}`} name={name} rows={rows} spellcheck={false} value={form[name]} onInput={set(name)}
        {...aria} aria-describedby={[aria["aria-describedby"], describedBy].filter(Boolean).join(" ") || undefined} />
    );
  };

  return (
    <form class="editor" onSubmit={(e) => void submit(e)} aria-label={creating ? "New forward" : "Edit forward"} noValidate>
      {failure && <ErrorBox error={failure} />}
      <Field id="fwd-id" label="Id" error={errors.id} hint={creating ? "1 to 64 letters, digits, - or _; cannot be changed later." : "The id cannot be changed."}>
        {text("id", { readOnly: !creating, required: true })}
      </Field>
      <Field id="fwd-url" label="URL" error={errors.url} hint="An absolute http or https URL; macros such as {sub1} or {status} may fill its path and query (not its host). Put a secret in a query value such as token=…: the delivery log redacts it.">
        {text("url", { required: true, inputMode: "url" })}
      </Field>
      <details class="macros">
        <summary>Macros a template may use</summary>
        <p class="hint">Filled with the conversion's values: URL-encoded in the URL and in a form body, JSON-escaped in a JSON body; empty when it has none.</p>
        <p class="mono">{forwardMacros.map((m) => `{${m}}`).join(" ")}</p>
      </details>
      <Field id="fwd-method" label="Method" error={errors.method}>
        <select id="fwd-method" name="method" value={form.method} onChange={set("method")} {...fieldAria("fwd-method", errors.method)}>
          <option value="GET">GET</option>
          <option value="POST">POST</option>
        </select>
      </Field>
      {form.method === "POST" && (
        <>
          <Field id="fwd-bodyFormat" label="Body format" error={errors.bodyFormat}>
            <select id="fwd-bodyFormat" name="bodyFormat" value={form.bodyFormat} onChange={set("bodyFormat")} {...fieldAria("fwd-bodyFormat", errors.bodyFormat)}>
              <option value="form">form (application/x-www-form-urlencoded)</option>
              <option value="json">json</option>
            </select>
          </Field>
          <Field id="fwd-body" label="Body template" error={errors.body} hint='At most 8,192 characters, e.g. {"click":"{clickid}","status":"{status}"} for JSON or click={clickid}&status={status} for a form.'>
            {area("body", 5)}
          </Field>
        </>
      )}
      <fieldset class="filters-set" aria-describedby={errors.filters ? "fwd-filters-error" : "fwd-filters-hint"}>
        <legend>Which conversions (an empty filter matches all)</legend>
        <p class="hint" id="fwd-filters-hint">Each filter that is given must match: the conversion's type and current status, its network (else its click's), its click's link and campaign, and its attribution (at least one: unattributed is an orphan, whose click is not known).</p>
        <div class="checks" role="group" aria-label="Types">
          <span class="group-label">Types</span>
          {conversionTypes.map((t) => (
            <label class="check" key={t}><input id={`fwd-types-${t}`} type="checkbox" checked={form.types.includes(t)} onChange={toggle("types", t)} /> {t}</label>
          ))}
        </div>
        <div class="checks" role="group" aria-label="Statuses">
          <span class="group-label">Statuses</span>
          {statuses.map((s) => (
            <label class="check" key={s}><input id={`fwd-statuses-${s}`} type="checkbox" checked={form.statuses.includes(s)} onChange={toggle("statuses", s)} /> {s}</label>
          ))}
        </div>
        <div class="checks" role="group" aria-label="Attribution">
          <span class="group-label">Attribution</span>
          {forwardAttributions.map((a) => (
            <label class="check" key={a}><input id={`fwd-attribution-${a}`} type="checkbox" checked={form.attribution.includes(a)} onChange={toggle("attribution", a)} /> {a}</label>
          ))}
        </div>
        <div class="grid-3">
          <Field id="fwd-networks" label="Networks (one per line)">{area("networks", 3, errors.filters ? "fwd-filters-error" : undefined)}</Field>
          <Field id="fwd-links" label="Link ids (one per line)">{area("links", 3, errors.filters ? "fwd-filters-error" : undefined)}</Field>
          <Field id="fwd-campaigns" label="Campaigns (one per line)">{area("campaigns", 3, errors.filters ? "fwd-filters-error" : undefined)}</Field>
        </div>
        {errors.filters && <p class="field-error" id="fwd-filters-error" role="alert">{errors.filters}</p>}
      </fieldset>
      <Field id="fwd-timeoutSeconds" label="Timeout in seconds (optional)" error={errors.timeoutSeconds} hint="The whole request, connection included: 1 to 60; empty for 10.">
        {text("timeoutSeconds", { inputMode: "numeric" })}
      </Field>
      <label class="check">
        <input type="checkbox" name="enabled" checked={form.enabled} onChange={set("enabled")} />
        Enabled (a disabled forward gets no jobs; its queued ones are cancelled)
      </label>
      <h2>Preview</h2>
      <ForwardPreview form={form} />
      <div class="actions">
        <button type="submit" disabled={busy}>{busy ? "Saving…" : creating ? "Create forward" : "Save forward"}</button>
        {!creating && <ConfirmButton label="Delete forward" confirmLabel={`Delete ${initial.id} for good`} busy={busy} onConfirm={() => void remove()} />}
      </div>
    </form>
  );
}

interface PreviewAnswer {
  status: "ok" | "too-long";
  message?: string;
  method?: string;
  url?: string;
  contentType?: string;
  body?: string;
  /** Null for the sample conversion: filters are judged for a stored conversion only. */
  matches: boolean | null;
  sample: boolean;
}

/** The request the forward would send for a sample conversion (or a chosen one), rendered by Trax itself. */
function ForwardPreview({ form }: { form: ForwardForm }) {
  const api = useApi();
  const [conversion, setConversion] = useState("");
  const [answer, setAnswer] = useState<PreviewAnswer | Error | undefined>();
  const run = async () => {
    const built = forwardRequestOf(form);
    if (built.error) return setAnswer(new Error(built.error.message));
    try {
      setAnswer(await api.send<PreviewAnswer>("POST", "/api/forwards/preview", { forward: built.body, ...(conversion.trim() ? { conversion: conversion.trim() } : {}) }));
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) setAnswer(asError(error));
    }
  };
  return (
    <div class="preview">
      <Field id="fwd-preview-conversion" label="Conversion id (optional; a sample conversion otherwise)">
        <input id="fwd-preview-conversion" type="text" spellcheck={false} value={conversion} onInput={(e) => setConversion(e.currentTarget.value)} />
      </Field>
      <button type="button" class="secondary" onClick={() => void run()}>Preview the request</button>
      {answer instanceof Error && <ErrorBox error={answer} />}
      {answer && !(answer instanceof Error) && answer.status === "too-long" && <p class="field-error" role="alert">{answer.message}</p>}
      {answer && !(answer instanceof Error) && answer.status === "ok" && (
        <dl class="terms" id="fwd-preview">
          <dt>For</dt><dd>{answer.sample ? "a sample conversion (every macro filled)" : "this conversion, as it is now"}</dd>
          <dt>Request</dt><dd class="mono">{answer.method} {answer.url}</dd>
          {answer.contentType && <><dt>Content type</dt><dd class="mono">{answer.contentType}</dd></>}
          {answer.body !== undefined && <><dt>Body</dt><dd><pre class="mono">{answer.body}</pre></dd></>}
          {answer.matches !== null && <><dt>Filters</dt><dd>{answer.matches ? "this conversion matches them" : "this conversion does not match them (a replay sends it anyway)"}</dd></>}
        </dl>
      )}
    </div>
  );
}

function Deliveries({ place }: ScreenProps) {
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
        : <p class="status" role="status">{replayed.result}</p>)}
      {error && !formError && <ErrorBox error={error} />}
      {loaded.state === "loading" && <p aria-live="polite">Loading…</p>}
      {loaded.state === "done" && (
        <>
          <p class="summary" aria-live="polite">
            {loaded.value.count === 0 ? "No delivery attempts match." : `${loaded.value.count} attempt${loaded.value.count === 1 ? "" : "s"}`} on {loaded.value.date} ({loaded.value.timeZone}){pageNote(loaded.value.continuationToken !== null, filters.page !== undefined)}, newest first. URLs are shown with their secrets redacted by Trax.
          </p>
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

// Conversions: find them by click id (GET /api/conversions?clickid=…, Reports/ConversionLookup.cs), and a
// conversion's own page: where it stands, its history as a timeline, its attribution, the callback that created it,
// and the forwards that hear of it. Every value here came from a postback or a click, and is shown as text only.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { ConversionPostbacks } from "../components/ConversionPostbacks";
import { ErrorBox } from "../components/ErrorBox";
import { Field, fieldAria } from "../components/Field";
import { Link } from "../components/Link";
import { said } from "../components/Said";
import { TimesZone } from "../components/TimesZone";
import { ApiError, fieldErrorOf, UnauthorizedError } from "../lib/api";
import { useApi } from "../lib/context";
import {
  clickIdOf, daysOf, formatDuration, logSearchFor, stateLine, type ConversionView, type HistoryItem, type LookupAnswer,
} from "../lib/conversions";
import { dayIn } from "../lib/dates";
import { deliveryOutcomes } from "../lib/deliveries";
import { formatDateTime, formatMoney, pageNote } from "../lib/format";
import type { Forward } from "../lib/forms";
import { statuses, conversionTypes } from "../lib/overview";
import { timesZone, withZone } from "../lib/ranges";
import { href, navigate } from "../lib/router";
import {
  deliveriesNote, isSearch, maxSearchDays, parseSearchFilters, searchQuery, serializeSearchFilters, withDays,
  type ConversionDeliveries, type SearchFilters, type SearchPage,
} from "../lib/search";
import { asError, useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

export default function Conversions(props: ScreenProps) {
  return props.screen.path === "/conversions/view" ? <ConversionPage {...props} /> : <Search {...props} />;
}

const viewSearch = (conversionId: string, zone: string) => withZone(`?id=${encodeURIComponent(conversionId)}`, zone);
const money = (amount: string, currency: string | undefined) => formatMoney(amount, currency);

function Search({ screen, place }: ScreenProps) {
  const api = useApi();
  const clickid = new URLSearchParams(place.search).get("clickid") ?? "";
  const zone = timesZone(place.search);
  const [loaded, reload] = useLoad(
    (signal) => (clickid ? api.get<LookupAnswer>("/api/conversions", { clickid }, { signal }) : Promise.resolve(undefined)),
    [clickid],
  );
  const error = loaded.state === "failed" ? loaded.error : undefined;
  const clickError = error instanceof ApiError && error.field === "clickid" ? error.message : undefined;
  const filters = parseSearchFilters(place.search);
  const searching = !clickid && isSearch(filters);
  const [found, research] = useLoad(
    (signal) => (searching ? api.get<SearchPage>("/api/conversions/search", searchQuery(filters, 50, zone), { signal }) : Promise.resolve(undefined)),
    [searching ? place.search : ""],
  );
  const searchError = found.state === "failed" ? found.error : undefined;
  const searchFormError = fieldErrorOf(searchError, ["from", "to", "txid", "network", "program", "type", "status"]);
  const searchFieldError = (field: string) => (searchFormError?.field === field ? searchFormError.message : undefined);
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <TimesZone id="c-tz" place={place} zone={zone} />
      <ClickIdForm key={clickid} clickid={clickid} zone={zone} error={clickError} onSame={reload} />
      {error && !clickError && <ErrorBox error={error} />}
      {loaded.state === "loading" && <p aria-live="polite">Loading…</p>}
      {loaded.state === "done" && loaded.value && <Results answer={loaded.value} zone={zone} />}
      <h2>Search by transaction id, network, program, status or dates</h2>
      <OtherSearch key={searching ? place.search : ""} filters={searching ? filters : {}} zone={zone} errorFor={searchFieldError} onSame={research} />
      {searchError && !searchFormError && <ErrorBox error={searchError} />}
      {found.state === "loading" && searching && <p aria-live="polite">Searching…</p>}
      {found.state === "done" && found.value && <SearchResults page={found.value} filters={filters} zone={zone} />}
    </section>
  );
}

function ClickIdForm({ clickid, zone, error, onSame }: { clickid: string; zone: string; error: string | undefined; onSame: () => void }) {
  const [value, setValue] = useState(clickid);
  const submit = (e: Event) => {
    e.preventDefault();
    const url = href("/conversions", withZone(value.trim() ? `?clickid=${encodeURIComponent(value.trim())}` : "", zone));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  return (
    <form class="filters single" onSubmit={submit} aria-label="Find conversions by click id">
      <Field id="c-clickid" label="Click id" error={error} hint="Exactly as the network sent it (or as /go minted it).">
        <input id="c-clickid" type="search" spellcheck={false} autocomplete="off" required value={value}
          onInput={(e) => setValue(e.currentTarget.value)} {...fieldAria("c-clickid", error, true)} />
      </Field>
      <div class="actions"><button type="submit">Find</button></div>
    </form>
  );
}

function Results({ answer, zone }: { answer: LookupAnswer; zone: string }) {
  if (answer.count === 0) {
    return (
      <p class="summary" aria-live="polite">
        No conversion is stored for this click id. A postback that was refused stores none: look for it in
        the <Link to="/postbacks" search={`?outcome=rejected`}>postback log</Link>.
      </p>
    );
  }
  return (
    <>
      <p class="summary" aria-live="polite">{answer.count} conversion{answer.count === 1 ? "" : "s"} for this click id.</p>
      <ul class="cards" aria-label="Conversions of this click id">
        {answer.conversions.map((c) => (
          <li class="card" key={c.conversionId}>
            <h2 class="card-title">
              <Link to="/conversions/view" search={viewSearch(c.conversionId, zone)}>{c.type}{c.txId && <> <bdi>{c.txId}</bdi></>}</Link>
              {" "}<StatusBadge conversion={c} />
            </h2>
            <dl class="terms">
              <dt>Payout</dt><dd>{c.payout ? formatMoney(c.payout, c.currency) : "none"}</dd>
              <dt>Network</dt><dd>{c.network ?? c.clickNetwork ?? "—"}</dd>
              <dt>Program</dt><dd>{c.program ?? c.clickProgram ?? "—"}</dd>
              <dt>Received</dt><dd>{formatDateTime(c.receivedAt, zone)}</dd>
              <dt>Conversion id</dt><dd class="mono">{c.conversionId}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Its status, and how reports count it when not attributed to its click (they count orphans and late ones too). */
function StatusBadge({ conversion }: { conversion: Pick<ConversionView, "status" | "orphan" | "outsideWindow"> }) {
  const css = conversion.status === "rejected" ? "outcome-rejected" : conversion.status === "approved" ? "outcome-created" : "outcome-orphan";
  return (
    <>
      <span class={`badge ${css}`}>{conversion.status}</span>
      {(conversion.orphan || conversion.outsideWindow) && <> <span class="badge outcome-orphan">{conversion.orphan ? "unattributed: click not known yet" : "outside-window: after its link's window"}</span></>}
    </>
  );
}

/** The search beyond the click id (GET /api/conversions/search), kept in the URL so that it can be shared. */
function OtherSearch({ filters, zone, errorFor, onSame }: { filters: SearchFilters; zone: string; errorFor: (field: string) => string | undefined; onSame: () => void }) {
  const [form, setForm] = useState<SearchFilters>(filters);
  const set = (name: keyof SearchFilters) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value });
  const submit = (e: Event) => {
    e.preventDefault();
    const { page: _, tz: __, ...rest } = form;
    const url = href("/conversions", withZone(serializeSearchFilters(withDays(rest, dayIn(new Date(), zone))), zone));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  const text = (name: "txid" | "network" | "program", label: string) => (
    <Field id={`cs-${name}`} label={label} error={errorFor(name)}>
      <input id={`cs-${name}`} name={name} type="text" spellcheck={false} autocomplete="off" value={form[name] ?? ""}
        onInput={set(name)} {...fieldAria(`cs-${name}`, errorFor(name))} />
    </Field>
  );
  const day = (name: "from" | "to", label: string) => (
    <Field id={`cs-${name}`} label={label} error={errorFor(name)}>
      <input id={`cs-${name}`} name={name} type="date" value={form[name] ?? ""} onInput={set(name)} {...fieldAria(`cs-${name}`, errorFor(name))} />
    </Field>
  );
  return (
    <form aria-label="Search conversions" onSubmit={submit}>
      <p class="hint">Days in {zone}, at most {maxSearchDays}; left empty, the last 7 days. Network and program match whatever their case.</p>
      <div class="filters">
        {day("from", `From (day in ${zone})`)}
        {day("to", `To (day in ${zone})`)}
        {text("txid", "Transaction id")}
        {text("network", "Network")}
        {text("program", "Program")}
        <Field id="cs-type" label="Type" error={errorFor("type")}>
          <select id="cs-type" name="type" value={form.type ?? ""} onChange={set("type")} {...fieldAria("cs-type", errorFor("type"))}>
            <option value="">Any</option>
            {conversionTypes.map((t) => <option value={t} key={t}>{t}</option>)}
          </select>
        </Field>
        <Field id="cs-status" label="Status" error={errorFor("status")}>
          <select id="cs-status" name="status" value={form.status ?? ""} onChange={set("status")} {...fieldAria("cs-status", errorFor("status"))}>
            <option value="">Any</option>
            {statuses.map((st) => <option value={st} key={st}>{st}</option>)}
          </select>
        </Field>
        <div class="actions"><button type="submit" class="secondary">Search</button></div>
      </div>
    </form>
  );
}

function SearchResults({ page, filters, zone }: { page: SearchPage; filters: SearchFilters; zone: string }) {
  const { page: current, ...first } = filters;
  return (
    <>
      <p class="summary" aria-live="polite">
        {page.count === 0 ? "No conversion matches" : `${page.count} conversion${page.count === 1 ? "" : "s"}`} from {page.from} to {page.to} ({page.timeZone ?? zone} days){pageNote(page.continuationToken !== null, current !== undefined)}, newest first.
      </p>
      {page.count > 0 && (
        <ul class="cards" aria-label="Conversions found">
          {page.items.map((c) => (
            <li class="card search-result" key={c.conversionId}>
              <h3 class="card-title">
                <Link to="/conversions/view" search={viewSearch(c.conversionId, zone)}>{c.type}{c.txId && <> <bdi>{c.txId}</bdi></>} of click <bdi>{c.clickId}</bdi></Link>
                {" "}<StatusBadge conversion={{ status: c.status, orphan: c.attribution === "unattributed", outsideWindow: c.attribution === "outside-window" }} />
              </h3>
              <dl class="terms">
                <dt>Payout</dt><dd>{c.payout ? formatMoney(c.payout, c.currency) : "none"}</dd>
                <dt>Network</dt><dd>{c.network ?? "—"}</dd>
                <dt>Program</dt><dd>{c.program ?? "—"}</dd>
                <dt>Received</dt><dd>{formatDateTime(c.receivedAt, zone)}</dd>
                <dt>Conversion id</dt><dd class="mono">{c.conversionId}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label="Pages">
        {current && <Link to="/conversions" search={serializeSearchFilters(first)}>First page</Link>}
        {page.continuationToken && <Link to="/conversions" search={serializeSearchFilters({ ...first, page: page.continuationToken })}>Next page</Link>}
      </nav>
    </>
  );
}

function ConversionPage({ place }: ScreenProps) {
  const api = useApi();
  const id = new URLSearchParams(place.search).get("id") ?? "";
  const zone = timesZone(place.search);
  const clickid = clickIdOf(id);
  const [loaded] = useLoad(
    (signal) => (clickid === undefined
      ? Promise.reject(new Error(`"${id}" is not a conversion id (the encoded click id, '/', the conversion key, as the lookup and the delivery log show it).`))
      : api.get<LookupAnswer>("/api/conversions", { clickid }, { signal })),
    [id],
  );
  const conversion = loaded.state === "done" ? loaded.value.conversions.find((c) => c.conversionId === id) : undefined;
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {conversion ? <>{conversion.type} conversion of click <bdi>{conversion.clickId}</bdi></> : "Conversion"}
      </h1>
      <p>
        <Link to="/conversions" search={withZone(clickid ? `?clickid=${encodeURIComponent(clickid)}` : "", zone)}>Every conversion of this click id</Link>
      </p>
      <TimesZone id="cv-tz" place={place} zone={zone} />
      {loaded.state === "loading" && <p aria-live="polite">Loading…</p>}
      {loaded.state === "failed" && <ErrorBox error={loaded.error} />}
      {loaded.state === "done" && !conversion && (
        <p role="alert">No conversion {id} is stored. <Link to="/conversions" search={`?clickid=${encodeURIComponent(clickid ?? "")}`}>See what this click id has</Link>.</p>
      )}
      {conversion && <ConversionDetail conversion={conversion} zone={zone} />}
    </section>
  );
}

function Term({ name, value, mono = false }: { name: string; value: ComponentChildren; mono?: boolean }) {
  if (value === undefined || value === null || value === "") return null;
  return (
    <>
      <dt>{name}</dt>
      <dd class={mono ? "mono" : undefined}>{value}</dd>
    </>
  );
}

function ConversionDetail({ conversion: c, zone }: { conversion: ConversionView; zone: string }) {
  const pairs = c.rawQuery ? Array.from(new URLSearchParams(c.rawQuery)) : [];
  return (
    <>
      <h2 id="now">Now</h2>
      <p><StatusBadge conversion={c} /></p>
      <dl class="terms">
        <Term name="Status" value={c.statusRaw && c.statusRaw !== c.status ? <>{c.status} (the network said <bdi>{c.statusRaw}</bdi>)</> : c.status} />
        <Term name="Payout" value={c.payout ? formatMoney(c.payout, c.currency) : "none"} />
        <Term name="Type" value={c.type} />
        <Term name="Click id" value={c.clickId} mono />
        <Term name="Transaction id" value={c.txId} mono />
        <Term name="Network" value={c.network} />
        <Term name="Program" value={c.program} />
        <Term name="First received" value={`${formatDateTime(c.receivedAt, zone)} (${c.receivedAt})`} />
        <Term name="Processed" value={formatDateTime(c.processedAt, zone)} />
        <Term name="Counted" value={c.status === "rejected" ? "no: rejected (in the reports' rejected figures)"
          : c.orphan ? "yes, as unattributed: its click is not known (an orphan) until the click is registered"
            : c.outsideWindow ? "yes, as outside-window: it arrived after its link's attribution window" : "yes"} />
        <Term name="Attributed later" value={c.reattributedAt && formatDateTime(c.reattributedAt, zone)} />
        <Term name="Warnings" value={c.warnings} mono />
        <Term name="Conversion id" value={c.conversionId} mono />
      </dl>

      <h2 id="history">History</h2>
      <p class="hint">One entry per postback that created, changed or came too late to change this conversion (repeats that said nothing new are in the postback log only). Each status, payout and currency is set by the most recently received postback that carried it.</p>
      <ol class="timeline" aria-label="History, oldest first">
        {c.history.map((h) => <HistoryEntry key={h.postbackId} entry={h} type={c.type} zone={zone} />)}
      </ol>

      <h2 id="attribution">Attribution</h2>
      {c.clickedAt === undefined
        ? <p>No click is known for this click id{c.orphan ? ": the conversion waits as an orphan until the click is registered" : ""}.</p>
        : (
          <dl class="terms">
            <Term name="Link" value={c.linkId} />
            <Term name="Network (click)" value={c.clickNetwork} />
            <Term name="Program (click)" value={c.clickProgram} />
            <Term name="Campaign" value={c.campaign} />
            <Term name="Source" value={c.source} />
            <Term name="Sub 1" value={c.sub1} />
            <Term name="Sub 2" value={c.sub2} />
            <Term name="Sub 3" value={c.sub3} />
            <Term name="Sub 4" value={c.sub4} />
            <Term name="Sub 5" value={c.sub5} />
            <Term name="Clicked" value={formatDateTime(c.clickedAt, zone)} />
            <Term name="Time to convert" value={c.secondsToConvert !== undefined ? `${formatDuration(c.secondsToConvert)} (${c.secondsToConvert} s)` : undefined} />
            <Term name="Attribution window" value={c.attributionWindowDays ? `${c.attributionWindowDays} days` : "none"} />
          </dl>
        )}
      {c.linkId && <p><Link to="/links/edit" search={`?id=${encodeURIComponent(c.linkId)}`}>Open link {c.linkId}</Link></p>}

      <h2 id="callback">The postback that created it</h2>
      <dl class="terms">
        <Term name="Method" value={c.method} />
        <Term name="Query (secrets redacted)" value={c.rawQuery} mono />
        <Term name="Body" value={c.rawBody} mono />
        <Term name="Address" value={c.clientIp} mono />
        <Term name="Forwarded for" value={c.forwardedFor} mono />
        <Term name="User agent" value={c.userAgent} />
      </dl>
      {pairs.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Query parameters, decoded">
          <table class="pairs">
            <caption>Query parameters, decoded</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
            <tbody>{pairs.map(([name, value], i) => <tr key={i}><td class="mono">{name}</td><td class="mono">{value}</td></tr>)}</tbody>
          </table>
        </div>
      )}

      <h2 id="postbacks">Postback log rows</h2>
      <ConversionPostbacks key={`${c.conversionId}|${zone}`} conversion={c} zone={zone} />

      <h2 id="deliveries">Forward deliveries</h2>
      <ForwardsOf conversion={c} zone={zone} />
    </>
  );
}

function HistoryEntry({ entry: h, type, zone }: { entry: HistoryItem; type: string; zone: string }) {
  const sent = said([["status", h.statusRaw || h.status], ["payout", h.payout ? formatMoney(h.payout, h.currency) : undefined]]);
  return (
    <li class="timeline-entry">
      <p class="timeline-head">
        <span class="time">{formatDateTime(h.receivedAt, zone)}</span>{" "}
        <span class={`badge outcome-${["created", "updated", "superseded", "orphan", "outside-window"].includes(h.outcome) ? h.outcome : "other"}`}>{h.outcome}</span>
      </p>
      <dl class="terms">
        <Term name="Change" value={h.from ? `${stateLine(h.from, money)} → ${stateLine(h.to, money)}` : stateLine(h.to, money)} />
        <Term name="The postback said" value={sent ?? "nothing about status or payout"} />
        <Term name="From" value={h.network ? <><bdi>{h.network}</bdi>{h.method && ` · ${h.method}`}</> : h.method} />
        <Term name="Postback id" value={h.postbackId} mono />
      </dl>
      <Link to="/postbacks" search={logSearchFor(h, type, zone)}>See it in the postback log</Link>
    </li>
  );
}

/** Every delivery attempt of this conversion, across the forwards (GET /api/conversions/deliveries). */
function DeliveriesOf({ conversion, zone }: { conversion: ConversionView; zone: string }) {
  const api = useApi();
  const [loaded, reload] = useLoad(
    (signal) => api.get<ConversionDeliveries>("/api/conversions/deliveries", { conversion: conversion.conversionId, tz: zone }, { signal }),
    [conversion.conversionId, zone],
  );
  // A replay (below) queues a job: its attempts exist once the forward has sent it, so they are read on request.
  const again = <button type="button" class="secondary" onClick={reload}>Read the deliveries again</button>;
  // The button stays first whatever the state, so it keeps the focus while the deliveries are read again.
  if (loaded.state === "loading") return <>{again}<p aria-live="polite">Loading its deliveries…</p></>;
  if (loaded.state === "failed") return <>{again}<ErrorBox error={loaded.error} /></>;
  const answer = loaded.value;
  return (
    <>
      {again}
      <p class="summary" id="deliveries-summary">
        {deliveriesNote(answer)} URLs are shown with their secrets redacted by Trax.
      </p>
      {answer.count > 0 && (
        <ol class="log" aria-label="Delivery attempts of this conversion, newest first">
          {answer.items.map((d) => (
            <li class="card delivery" key={`${d.forwardId}-${d.jobId}-${d.attempt}`}>
              <p class="delivery-head">
                <span class="time">{formatDateTime(d.at, zone)}</span>{" "}
                <span class={`badge delivery-${deliveryOutcomes.includes(d.outcome as never) ? d.outcome : "other"}`}>{d.outcome}</span>{" "}
                <span>to <strong>{d.forwardId}</strong>, attempt {d.attempt}{d.replay ? " (replay)" : ""}, status {d.status}</span>
              </p>
              <dl class="terms">
                <dt>Request</dt><dd class="mono">{d.method ?? ""} {d.url ?? "—"}</dd>
                <dt>Answer</dt><dd>{d.httpStatus !== undefined ? `HTTP ${d.httpStatus}` : "none"}{d.error ? ` · ${d.error}` : ""}{d.durationMs !== undefined ? ` · ${d.durationMs} ms` : ""}</dd>
                {d.nextAttemptAt && <><dt>Next attempt</dt><dd>{formatDateTime(d.nextAttemptAt, zone)}</dd></>}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** The forwards and this conversion: links to each one's delivery log on the days it changed, and replay. */
function ForwardsOf({ conversion, zone }: { conversion: ConversionView; zone: string }) {
  const api = useApi();
  const [loaded] = useLoad((signal) => api.get<{ forwards: Forward[] }>("/api/forwards", undefined, { signal }), []);
  const [replayed, setReplayed] = useState<Record<string, string | Error>>({});
  const days = daysOf(conversion);
  const replay = async (forwardId: string) => {
    try {
      const answer = await api.send<{ jobId: string }>("POST", `/api/forwards/${encodeURIComponent(forwardId)}/replay?conversion=${encodeURIComponent(conversion.conversionId)}`);
      setReplayed({ ...replayed, [forwardId]: `Replay queued as job ${answer.jobId}.` });
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) setReplayed({ ...replayed, [forwardId]: asError(error) });
    }
  };
  return (
    <>
      <DeliveriesOf conversion={conversion} zone={zone} />
      {loaded.state === "loading" && <p aria-live="polite">Loading forwards…</p>}
      {loaded.state === "failed" && <ErrorBox error={loaded.error} />}
      {loaded.state === "done" && (loaded.value.forwards.length === 0
        ? <p>No forwards are set up.</p>
        : (
          <>
            <p>Its attempts are in each forward's delivery log on the days it changed ({days.join(", ")}, UTC): look for conversion <span class="mono">{conversion.conversionId}</span>.</p>
            <ul class="cards" aria-label="Forwards">
              {loaded.value.forwards.map((f) => (
                <li class="card" key={f.id}>
                  <p class="card-title"><strong>{f.id}</strong>{f.enabled ? "" : " (disabled)"}</p>
                  <p>
                    {days.map((day, i) => (
                      <span key={day}>{i > 0 && " · "}<Link to="/forwards/deliveries" search={withZone(`?id=${encodeURIComponent(f.id)}&date=${day}`, zone)}>Deliveries on {day}</Link></span>
                    ))}
                  </p>
                  {/* An orphan or a late one too: a replay sends whatever the forward's filters say (docs/forwarding.md). */}
                  {f.enabled && (
                    <button type="button" class="secondary" onClick={() => void replay(f.id)}>Replay to {f.id}</button>
                  )}
                  {replayed[f.id] !== undefined && (replayed[f.id] instanceof Error
                    ? <ErrorBox error={replayed[f.id] as Error} />
                    : <p class="status" role="status">{replayed[f.id] as string}</p>)}
                </li>
              ))}
            </ul>
          </>
        ))}
    </>
  );
}

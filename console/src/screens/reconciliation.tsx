// Reconciliation: a network's export against what Trax received (docs/reconciliation.md). Upload the export, map its
// columns (a preset, the network's last mapping, or by hand) with a preview of its first rows, run it
// (POST /api/reconciliations), then read the summary per category and the rows, filtered by category, each linked to
// its conversion or its refused postback in the log. Every value from the export or a postback is shown as text.

import { useRef, useState } from "preact/hooks";
import { ErrorBox } from "../components/ErrorBox";
import { Link } from "../components/Link";
import { UnauthorizedError } from "../lib/api";
import { useApi } from "../lib/context";
import { formatCount, formatDateTime, formatMoney } from "../lib/format";
import { logSearchAt } from "../lib/logFilters";
import { evidenceNotes, reasonsLine, type ReconciliationEvidence } from "../lib/reconciliation";
import { navigate, href } from "../lib/router";
import { saveFile } from "../lib/save";
import { asError, useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

const fields = [
  ["clickId", "clickid", "Click id"],
  ["txId", "txid", "Transaction id"],
  ["type", "type", "Type or event"],
  ["status", "status", "Status"],
  ["amount", "amount", "Amount"],
  ["currency", "currency", "Currency"],
  ["time", "time", "Time"],
] as const;

type FieldKey = (typeof fields)[number][0];

interface Mapping {
  clickId: string;
  txId?: string;
  type?: string;
  typeValue?: string;
  types?: string;
  status?: string;
  amount?: string;
  currency?: string;
  time?: string;
  timeFormat?: string;
}

interface Preview {
  header: string[];
  rows: string[][];
  presets: Record<string, Mapping>;
  remembered?: { network: string; mapping: Mapping; timeZone: string };
}

interface CurrencyAmount { currency: string; amount: string }

interface CategoryTotal {
  category: string;
  rows: number;
  exportRows: number;
  traxConversions: number;
  exportAmounts: CurrencyAmount[];
  traxAmounts: CurrencyAmount[];
}

interface Summary extends ReconciliationEvidence {
  id: string;
  network: string;
  from: string;
  to: string;
  timeZone: string;
  exportRows: number;
  traxConversions: number;
  categories: CategoryTotal[];
  rerunOf?: string;
}

interface Row {
  seq: number;
  category: string;
  reason?: string;
  clickId: string;
  type: string;
  txId?: string;
  line?: number;
  exportStatus?: string;
  exportAmount?: string;
  exportCurrency?: string;
  exportTime?: string;
  duplicateOfLine?: number;
  traxStatus?: string;
  traxAmount?: string;
  traxCurrency?: string;
  traxReceivedAt?: string;
  conversionId?: string;
  postbackId?: string;
  logReason?: string;
  logTime?: string;
}

interface RowsPage { rows: Row[]; continuation?: string }

const categories = ["matched", "status-differs", "amount-differs", "only-in-export", "only-in-trax", "outside-period", "duplicate"];

export default function Reconciliation({ screen, place }: ScreenProps) {
  const id = new URLSearchParams(place.search).get("id");
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      {id ? <Result id={id} /> : <NewRun />}
    </section>
  );
}

function NewRun() {
  const api = useApi();
  const [network, setNetwork] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [timeZone, setTimeZone] = useState("");
  const [csv, setCsv] = useState<string | undefined>();
  const [preview, setPreview] = useState<Preview | undefined>();
  const [mapping, setMapping] = useState<Partial<Record<FieldKey, string>>>({});
  const [typeValue, setTypeValue] = useState("");
  // What a preset or the last mapping says beyond columns (the screen has no field for them): sent with the run.
  const [extra, setExtra] = useState<{ timeFormat?: string | undefined; types?: string | undefined }>({});
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => { if (!(e instanceof UnauthorizedError)) setError(asError(e)); };

  // Only the file chosen last is previewed: a slow preview of a file chosen before it would otherwise replace the
  // columns with the wrong file's, and the run would send this file mapped by those.
  const chosen = useRef(0);
  const choose = async (file: File | undefined) => {
    const mine = ++chosen.current;
    setError(undefined);
    setPreview(undefined);
    if (!file) return;
    try {
      const text = await file.text();
      if (mine !== chosen.current) return;
      setCsv(text);
      const answer = await api.send<Preview>("POST", `/api/reconciliations/preview?network=${encodeURIComponent(network)}`, text);
      if (mine !== chosen.current) return;
      setPreview(answer);
      if (answer.remembered) {
        apply(answer.remembered.mapping, answer.header);
        if (!timeZone) setTimeZone(answer.remembered.timeZone);
      }
    } catch (e) {
      if (mine === chosen.current) fail(e);
    }
  };

  const apply = (m: Mapping, header: string[]) => {
    const next: Partial<Record<FieldKey, string>> = {};
    for (const [key] of fields) {
      const column = m[key]?.toLowerCase();
      const found = column === undefined ? undefined : header.find((h) => h.toLowerCase() === column);
      if (found !== undefined) next[key] = found;
    }
    setMapping(next);
    setTypeValue(m.typeValue ?? "");
    setExtra({ timeFormat: m.timeFormat, types: m.types });
  };

  const run = async (event: Event) => {
    event.preventDefault();
    if (csv === undefined) return;
    setBusy(true);
    setError(undefined);
    const query = new URLSearchParams({ network, from, to });
    if (timeZone) query.set("tz", timeZone);
    for (const [key, parameter] of fields) {
      const column = mapping[key];
      if (column) query.set(parameter, column);
    }
    if (typeValue && !mapping.type) query.set("typeValue", typeValue);
    if (extra.timeFormat && mapping.time) query.set("timeFormat", extra.timeFormat);
    if (extra.types && mapping.type) query.set("types", extra.types);
    try {
      const summary = await api.send<Summary>("POST", `/api/reconciliations?${query.toString()}`, csv);
      navigate(href("/reconciliation", `?id=${encodeURIComponent(summary.id)}`));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void run(e)} class="form">
      <p class="note">Upload the network's own export of the period (CSV with a header row). Trax matches it with what it received and says why each difference happened.</p>
      <label>Network<input value={network} required onInput={(e) => setNetwork(e.currentTarget.value)} /></label>
      <label>From<input type="date" value={from} required onInput={(e) => setFrom(e.currentTarget.value)} /></label>
      <label>To<input type="date" value={to} required onInput={(e) => setTo(e.currentTarget.value)} /></label>
      <label>Network's time zone<input value={timeZone} placeholder="Europe/Malta" onInput={(e) => setTimeZone(e.currentTarget.value)} /></label>
      <label>Export file<input type="file" accept=".csv,text/csv" disabled={!network} onChange={(e) => void choose(e.currentTarget.files?.[0])} /></label>
      {!network && <p class="hint">Name the network first: its last mapping is offered.</p>}
      {error && <ErrorBox error={error} />}
      {preview && (
        <>
          <fieldset>
            <legend>Columns</legend>
            <label>Preset
              <select aria-label="Preset" onChange={(e) => { const p = preview.presets[e.currentTarget.value]; if (p) apply(p, preview.header); }}>
                <option value="">{preview.remembered ? "This network's last mapping" : "Choose…"}</option>
                {Object.keys(preview.presets).map((name) => <option key={name} value={name}>{name}</option>)}
              </select>
            </label>
            {fields.map(([key, , label]) => (
              <label key={key}>{label}
                <select aria-label={label} value={mapping[key] ?? ""} onChange={(e) => setMapping({ ...mapping, [key]: e.currentTarget.value || undefined })}>
                  <option value="">(none)</option>
                  {preview.header.map((h) => <option key={h} value={h}>{h}</option>)}
                </select>
              </label>
            ))}
            {!mapping.type && (
              <label>Every row's type
                <select aria-label="Every row's type" value={typeValue} onChange={(e) => setTypeValue(e.currentTarget.value)}>
                  <option value="">(choose)</option>
                  <option value="ftd">ftd</option><option value="reg">reg</option><option value="sale">sale</option>
                </select>
              </label>
            )}
          </fieldset>
          <table aria-label="First rows of the export">
            <thead><tr>{preview.header.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            <tbody>{preview.rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j}>{v}</td>)}</tr>)}</tbody>
          </table>
          <button type="submit" disabled={busy}>{busy ? "Reconciling…" : "Reconcile"}</button>
        </>
      )}
    </form>
  );
}

function Result({ id }: { id: string }) {
  const api = useApi();
  const [summary] = useLoad((signal) => api.get<Summary>(`/api/reconciliations/${encodeURIComponent(id)}`, undefined, { signal }), [id]);
  const [category, setCategory] = useState("");
  const [page] = useLoad(
    (signal) => api.get<RowsPage>(`/api/reconciliations/${encodeURIComponent(id)}/rows`, { category, limit: 100 }, { signal }),
    [id, category],
  );
  // The pages read after the first, tied to the first page they follow: an answer to "More rows" that arrives after
  // another category was picked belongs to a first page no longer shown, and is dropped.
  const [followed, setFollowed] = useState<{ first: RowsPage; rows: Row[]; more: string | undefined } | undefined>();
  const first = page.state === "done" ? page.value : undefined;
  const shown = first === undefined ? { rows: [], more: undefined }
    : followed?.first === first ? followed : { rows: first.rows, more: first.continuation };
  const { rows, more } = shown;
  const [error, setError] = useState<Error | undefined>();

  const next = async () => {
    if (!first) return;
    try {
      const answer = await api.get<RowsPage>(`/api/reconciliations/${encodeURIComponent(id)}/rows`, { category, limit: 100, continuation: more });
      setFollowed({ first, rows: [...rows, ...answer.rows], more: answer.continuation });
    } catch (e) {
      if (!(e instanceof UnauthorizedError)) setError(asError(e));
    }
  };

  const download = async () => {
    try {
      const file = await api.download(`/api/reconciliations/${encodeURIComponent(id)}/csv`, { category });
      saveFile(file.blob, file.fileName ?? `reconciliation-${id}.csv`);
    } catch (e) {
      if (!(e instanceof UnauthorizedError)) setError(asError(e));
    }
  };

  if (summary.state === "failed") return <ErrorBox error={summary.error} />;
  if (summary.state === "loading") return <p aria-live="polite">Loading…</p>;
  const s = summary.value;
  // Times in the reconciliation's zone (the network's), so the network's column reads as its export file does.
  const at = (iso: string | null | undefined) => formatDateTime(iso, s.timeZone);
  return (
    <>
      <p class="summary">
        {s.network}, {s.from} to {s.to} ({s.timeZone}): {formatCount(s.exportRows)} export rows, {formatCount(s.traxConversions)} Trax conversions in the period.
        {evidenceNotes(s).map((note) => ` ${note}`).join("")}
      </p>
      {reasonsLine(s) && <p class="summary">{reasonsLine(s)}</p>}
      <table aria-label="Summary by category">
        <thead><tr><th scope="col">Category</th><th scope="col">Rows</th><th scope="col">Export rows</th><th scope="col">Trax conversions</th><th scope="col">Export amounts</th><th scope="col">Trax amounts</th></tr></thead>
        <tbody>
          {s.categories.map((c) => (
            <tr key={c.category}>
              <th scope="row">{c.category}</th><td>{formatCount(c.rows)}</td><td>{formatCount(c.exportRows)}</td><td>{formatCount(c.traxConversions)}</td>
              <td>{c.exportAmounts.map((a) => formatMoney(a.amount, a.currency || undefined)).join(", ")}</td>
              <td>{c.traxAmounts.map((a) => formatMoney(a.amount, a.currency || undefined)).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="toolbar">
        <label>Category
          <select aria-label="Category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">All</option>
            {categories.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <button type="button" class="secondary" onClick={() => void download()}>Download CSV</button>
        <Link to="/reconciliation">New reconciliation</Link>
      </div>
      {error && <ErrorBox error={error} />}
      {page.state === "failed" && <ErrorBox error={page.error} />}
      <table aria-label="Rows" class="reconciliation-rows">
        <thead><tr><th scope="col">Line</th><th scope="col">Click id</th><th scope="col">Type</th><th scope="col">Category</th><th scope="col">Network says ({s.timeZone})</th><th scope="col">Trax says ({s.timeZone})</th><th scope="col">See</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq} class="reconciliation-row">
              <td>{r.line ?? "—"}</td>
              <td class="mono">{r.clickId}</td>
              <td>{r.type}{r.txId && <> <bdi>{r.txId}</bdi></>}</td>
              <td>{r.category}{r.reason ? ` (${r.reason}${r.logReason ? `: ${r.logReason}` : ""})` : ""}</td>
              <td>{r.line === undefined ? "—" : <><bdi>{r.exportStatus ?? ""}</bdi> {formatMoney(r.exportAmount, r.exportCurrency)} {at(r.exportTime)}</>}</td>
              <td>{r.traxStatus ? `${r.traxStatus} ${formatMoney(r.traxAmount, r.traxCurrency)} ${at(r.traxReceivedAt)}` : r.logTime ? at(r.logTime) : "—"}</td>
              <td>
                {r.conversionId && <Link to="/conversions/view" search={`?id=${encodeURIComponent(r.conversionId)}`}>Conversion</Link>}
                {r.reason === "refused" && r.logTime && (
                  <Link to="/postbacks" search={logSearchAt(r.logTime, s.timeZone, { outcome: "rejected" })}>Refused postback</Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && <button type="button" class="secondary" onClick={() => void next()}>More rows</button>}
    </>
  );
}

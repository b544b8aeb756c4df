// A new reconciliation: the network, the days and its zone, the export file previewed, its columns mapped, then run.

import { useRef, useState } from "preact/hooks";
import { BusyButton } from "../../components/BusyButton";
import { ErrorBox } from "../../components/ErrorBox";
import { UnauthorizedError } from "../../lib/api";
import { useApi } from "../../lib/context";
import { hrefKeepingZone, navigate } from "../../lib/router";
import { asError } from "../../lib/useLoad";
import { fields, type FieldKey, type Mapping, type Preview, type Summary } from "./model";

export function NewRun() {
  const api = useApi();
  const [network, setNetwork] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [timeZone, setTimeZone] = useState("");
  const [csv, setCsv] = useState<File | undefined>();
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
      setCsv(file);
      const answer = await api.send<Preview>("POST", `/api/reconciliations/preview?network=${encodeURIComponent(network)}`, file);
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
      navigate(hrefKeepingZone("/reconciliation", `?id=${encodeURIComponent(summary.id)}`));
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
          <BusyButton type="submit" busy={busy}>{busy ? "Reconciling…" : "Reconcile"}</BusyButton>
        </>
      )}
    </form>
  );
}

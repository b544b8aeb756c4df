// A reconciliation's result: the summary per category, and its rows by category, each linked to its conversion or
// its refused postback in the log.

import { useState } from "preact/hooks";
import { ErrorBox } from "../../components/ErrorBox";
import { Link } from "../../components/Link";
import { Status } from "../../components/Status";
import { UnauthorizedError } from "../../lib/api";
import { useApi } from "../../lib/context";
import { formatCount, formatDateTime, formatMoney } from "../../lib/format";
import { logSearchAt } from "../../lib/logFilters";
import { evidenceNotes, reasonsLine } from "../../lib/reconciliation";
import { saveFile } from "../../lib/save";
import { asError, useLoad } from "../../lib/useLoad";
import { categories, type Row, type RowsPage, type Summary } from "./model";

export function Result({ id }: { id: string }) {
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
  if (summary.state === "loading") return <Status>Loading…</Status>;
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
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Summary by category">
        <table class="figures" aria-label="Summary by category">
          <thead><tr><th scope="col">Category</th><th scope="col">Rows</th><th scope="col">Export rows</th><th scope="col">Trax conversions</th><th scope="col">Export amounts</th><th scope="col">Trax amounts</th></tr></thead>
          <tbody>
            {s.categories.map((c) => (
              <tr key={c.category}>
                <th scope="row" class="name">{c.category}</th><td class="num">{formatCount(c.rows)}</td><td class="num">{formatCount(c.exportRows)}</td><td class="num">{formatCount(c.traxConversions)}</td>
                <td>{c.exportAmounts.map((a) => formatMoney(a.amount, a.currency || undefined)).join(", ")}</td>
                <td>{c.traxAmounts.map((a) => formatMoney(a.amount, a.currency || undefined)).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Rows">
        <table aria-label="Rows" class="figures reconciliation-rows">
          <thead><tr><th scope="col">Line</th><th scope="col">Click id</th><th scope="col">Type</th><th scope="col">Category</th><th scope="col">Network says ({s.timeZone})</th><th scope="col">Trax says ({s.timeZone})</th><th scope="col">See</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq} class="reconciliation-row">
                <td>{r.line ?? "—"}</td>
                <td class="mono id">{r.clickId}</td>
                <td>{r.type}{r.txId && <> <bdi class="id">{r.txId}</bdi></>}</td>
                <td>{r.category}{r.reason ? ` (${r.reason}${r.logReason ? `: ${r.logReason}` : ""})` : ""}</td>
                <td>{r.line === undefined ? "—" : <><bdi>{r.exportStatus ?? ""}</bdi> {formatMoney(r.exportAmount, r.exportCurrency)} {at(r.exportTime)}</>}</td>
                <td>{r.traxStatus ? `${r.traxStatus} ${formatMoney(r.traxAmount, r.traxCurrency)} ${at(r.traxReceivedAt)}` : r.logTime ? at(r.logTime) : "—"}</td>
                <td class="name">
                  {r.conversionId && <Link to="/conversions/view" search={`?id=${encodeURIComponent(r.conversionId)}`}>Conversion</Link>}
                  {r.reason === "refused" && r.logTime && (
                    <Link to="/postbacks" search={logSearchAt(r.logTime, s.timeZone, { outcome: "rejected" })} zone={s.timeZone}>Refused postback</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more && <button type="button" class="secondary" onClick={() => void next()}>More rows</button>}
    </>
  );
}

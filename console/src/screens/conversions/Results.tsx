// The conversions screen's results: a click id's conversions and a search's page, each opening a conversion's page.

import { Link } from "../../components/Link";
import { Status } from "../../components/Status";
import type { ConversionView, LookupAnswer } from "../../lib/conversions";
import { formatDateTime, formatMoney, pageNote } from "../../lib/format";
import { withZone } from "../../lib/ranges";
import { serializeSearchFilters, type SearchFilters, type SearchPage } from "../../lib/search";

const viewSearch = (conversionId: string, zone: string) => withZone(`?id=${encodeURIComponent(conversionId)}`, zone);

export function Results({ answer, zone }: { answer: LookupAnswer; zone: string }) {
  if (answer.count === 0) {
    return (
      <Status class="summary">
        No conversion is stored for this click id. A postback that was refused stores none: look for it in
        the <Link to="/postbacks" search={`?outcome=rejected`}>postback log</Link>.
      </Status>
    );
  }
  return (
    <>
      <Status class="summary">{answer.count} conversion{answer.count === 1 ? "" : "s"} for this click id.</Status>
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
export function StatusBadge({ conversion }: { conversion: Pick<ConversionView, "status" | "orphan" | "outsideWindow"> }) {
  const css = conversion.status === "rejected" ? "outcome-rejected" : conversion.status === "approved" ? "outcome-created" : "outcome-orphan";
  return (
    <>
      <span class={`badge ${css}`}>{conversion.status}</span>
      {(conversion.orphan || conversion.outsideWindow) && <> <span class="badge outcome-orphan">{conversion.orphan ? "unattributed: click not known yet" : "outside-window: after its link's window"}</span></>}
    </>
  );
}

export function SearchResults({ page, filters, zone }: { page: SearchPage; filters: SearchFilters; zone: string }) {
  const { page: current, ...first } = filters;
  return (
    <>
      <Status class="summary">
        {page.count === 0 ? "No conversion matches" : `${page.count} conversion${page.count === 1 ? "" : "s"}`} from {page.from} to {page.to} ({page.timeZone ?? zone} days){pageNote(page.continuationToken !== null, current !== undefined)}, newest first.
      </Status>
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

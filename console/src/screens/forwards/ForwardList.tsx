// The forwards' list: what each sends and to which conversions, opening its edit page and its delivery log.

import { ErrorBox } from "../../components/ErrorBox";
import { Link } from "../../components/Link";
import { Status } from "../../components/Status";
import { useApi } from "../../lib/context";
import { urlSummary } from "../../lib/deliveries";
import { defaultForwardAttribution, type Forward } from "../../lib/forms";
import { useLoad } from "../../lib/useLoad";
import type { ScreenProps } from "../registry";
import { idSearch } from "./idSearch";

function filterText(values: string[] | undefined): string {
  return values && values.length > 0 ? values.join(", ") : "any";
}

export function ForwardList({ screen, place }: ScreenProps) {
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
      {saved && <Status role="status" class="status">Saved forward <strong>{saved}</strong>.</Status>}
      {deleted && <Status role="status" class="status">Deleted forward <strong>{deleted}</strong>; jobs still queued for it are cancelled.</Status>}
      {loaded.state === "loading" && <Status>Loading…</Status>}
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

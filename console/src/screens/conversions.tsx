// Conversions: find them by click id (GET /api/conversions?clickid=…, Reports/ConversionLookup.cs), and a
// conversion's own page: where it stands, its history as a timeline, its attribution, the callback that created it,
// and the forwards that hear of it. Every value here came from a postback or a click, and is shown as text only.
// The parts live in conversions/: the search forms, their results, a conversion's page and its forwards.

import { ErrorBox } from "../components/ErrorBox";
import { Status } from "../components/Status";
import { TimesZone } from "../components/TimesZone";
import { ApiError, fieldErrorOf } from "../lib/api";
import { useApi } from "../lib/context";
import type { LookupAnswer } from "../lib/conversions";
import { timesZone } from "../lib/ranges";
import { isSearch, parseSearchFilters, searchQuery, type SearchPage } from "../lib/search";
import { useLoad } from "../lib/useLoad";
import { ConversionPage } from "./conversions/ConversionPage";
import { Results, SearchResults } from "./conversions/Results";
import { ClickIdForm, OtherSearch } from "./conversions/SearchForms";
import type { ScreenProps } from "./registry";

export default function Conversions(props: ScreenProps) {
  return props.screen.path === "/conversions/view" ? <ConversionPage {...props} /> : <Search {...props} />;
}

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
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "done" && loaded.value && <Results answer={loaded.value} zone={zone} />}
      <h2>Search by transaction id, network, program, status or dates</h2>
      <OtherSearch key={searching ? place.search : ""} filters={searching ? filters : {}} zone={zone} errorFor={searchFieldError} onSame={research} />
      {searchError && !searchFormError && <ErrorBox error={searchError} />}
      {found.state === "loading" && searching && <Status>Searching…</Status>}
      {found.state === "done" && found.value && <SearchResults page={found.value} filters={filters} zone={zone} />}
    </section>
  );
}

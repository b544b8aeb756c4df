// Reconciliation: a network's export against what Trax received (docs/reconciliation.md). Upload the export, map its
// columns (a preset, the network's last mapping, or by hand) with a preview of its first rows, run it
// (POST /api/reconciliations), then read the summary per category and the rows, filtered by category, each linked to
// its conversion or its refused postback in the log. Every value from the export or a postback is shown as text.
// The parts live in reconciliation/: a new run, a result, and the API's shapes.

import { NewRun } from "./reconciliation/NewRun";
import { Result } from "./reconciliation/Result";
import type { ScreenProps } from "./registry";

export default function Reconciliation({ screen, place }: ScreenProps) {
  const id = new URLSearchParams(place.search).get("id");
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      {id ? <Result id={id} /> : <NewRun />}
    </section>
  );
}

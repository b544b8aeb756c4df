// A conversion's deliveries across the forwards, and each forward's delivery log on its days, with replay.

import { useState } from "preact/hooks";
import { ErrorBox } from "../../components/ErrorBox";
import { Link } from "../../components/Link";
import { Status } from "../../components/Status";
import { UnauthorizedError } from "../../lib/api";
import { useApi } from "../../lib/context";
import { daysOf, type ConversionView } from "../../lib/conversions";
import { deliveryOutcomes } from "../../lib/deliveries";
import { formatDateTime } from "../../lib/format";
import type { Forward } from "../../lib/forms";
import { withZone } from "../../lib/ranges";
import { deliveriesNote, type ConversionDeliveries } from "../../lib/search";
import { asError, useLoad } from "../../lib/useLoad";

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
  if (loaded.state === "loading") return <>{again}<Status>Loading its deliveries…</Status></>;
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
export function ForwardsOf({ conversion, zone }: { conversion: ConversionView; zone: string }) {
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
      {loaded.state === "loading" && <Status>Loading forwards…</Status>}
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
                    : <Status role="status" class="status">{replayed[f.id] as string}</Status>)}
                </li>
              ))}
            </ul>
          </>
        ))}
    </>
  );
}

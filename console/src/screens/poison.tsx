// Poison: the postback messages the processor gave up on (GET /api/admin/poison), each with the reason it cannot be
// read, and replay to the postback queue once the cause is fixed (POST /api/admin/poison/replay): processing is
// idempotent, so a replay never counts a conversion twice. These are admin APIs: a key they refuse gets a clear
// message here and does not sign the console out.

import { useState } from "preact/hooks";
import { BusyButton } from "../components/BusyButton";
import { ErrorBox } from "../components/ErrorBox";
import { Status } from "../components/Status";
import { TimesZone } from "../components/TimesZone";
import { AdminKeyRequiredError, UnauthorizedError } from "../lib/api";
import { useApi } from "../lib/context";
import { formatDateTime } from "../lib/format";
import { timesZone } from "../lib/ranges";
import { asError, useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

interface PoisonMessage {
  id: string;
  insertedOn: string | null;
  dequeueCount: number;
  text: string;
  problem: string | null;
}

interface PoisonListing {
  queue: string;
  messages: PoisonMessage[];
}

/** A message's text, indented when it is JSON (as Trax's messages are), else as it is. */
export function readable(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export default function Poison({ screen, place }: ScreenProps) {
  const api = useApi();
  const zone = timesZone(place.search);
  const [loaded, reload] = useLoad((signal) => api.get<PoisonListing>("/api/admin/poison", undefined, { signal, admin: true }), []);
  const [result, setResult] = useState<string | Error | undefined>();
  const [said, setSaid] = useState(0);
  const [busy, setBusy] = useState(false);

  const replay = async (id?: string) => {
    setBusy(true);
    try {
      const answer = await api.send<{ replayed: number; ids: string[] }>("POST", `/api/admin/poison/replay${id ? `?id=${encodeURIComponent(id)}` : ""}`, undefined, { admin: true });
      setSaid((n) => n + 1);
      setResult(answer.replayed === 0
        ? "Nothing was replayed: the queue is empty, or another replay is reading its messages."
        : `Replayed ${answer.replayed} message${answer.replayed === 1 ? "" : "s"} to the postback queue.`);
      reload();
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) setResult(asError(error));
    } finally {
      setBusy(false);
    }
  };

  const refused = loaded.state === "failed" && loaded.error instanceof AdminKeyRequiredError;
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <p class="note">A postback message the processor failed 5 times moves to the poison queue and stays there: nothing was stored for it. Find the cause (the problem below, or the logs), fix it, then replay.</p>
      {refused && (
        <div class="error-box" role="alert">
          <p><strong>This key cannot open the poison queue.</strong></p>
          <p>{loaded.error.message}</p>
        </div>
      )}
      {loaded.state === "failed" && !refused && <ErrorBox error={loaded.error} />}
      {result !== undefined && (result instanceof Error
        ? (result instanceof AdminKeyRequiredError
          ? <div class="error-box" role="alert"><p><strong>This key cannot replay poison messages.</strong></p><p>{result.message}</p></div>
          : <ErrorBox error={result} />)
        : <Status role="status" class="status" said={said}>{result}</Status>)}
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "done" && (
        <>
          <div class="toolbar">
            <button type="button" class="secondary" onClick={reload}>Reload</button>
            <TimesZone id="p-tz" place={place} zone={zone} />
            {loaded.value.messages.length > 0 && (
              <BusyButton busy={busy} onClick={() => void replay()}>Replay all shown (up to 32)</BusyButton>
            )}
          </div>
          <Status class="summary">
            {loaded.value.messages.length === 0
              ? `The ${loaded.value.queue} queue is empty.`
              : `${loaded.value.messages.length} message${loaded.value.messages.length === 1 ? "" : "s"} in ${loaded.value.queue}${loaded.value.messages.length === 32 ? " (the first 32)" : ""}. Times are in ${zone}.`}
          </Status>
          <ul class="cards" aria-label="Poison messages">
            {loaded.value.messages.map((m) => (
              <li class="card" key={m.id}>
                <dl class="terms">
                  <dt>Message id</dt><dd class="mono">{m.id}</dd>
                  <dt>Poisoned</dt><dd>{m.insertedOn ? formatDateTime(m.insertedOn, zone) : "—"}</dd>
                  <dt>Attempts</dt><dd>{m.dequeueCount}</dd>
                  <dt>Problem</dt><dd>{m.problem ?? "It reads as a postback: the processor failed for another reason (storage, a bug). Look in the logs around its time."}</dd>
                </dl>
                <details>
                  <summary>Message text</summary>
                  <pre class="mono message-text">{readable(m.text)}</pre>
                </details>
                <BusyButton class="secondary" busy={busy} onClick={() => void replay(m.id)} label={`Replay message ${m.id}`}>Replay</BusyButton>
              </li>
            ))}
          </ul>
          <p class="hint">Dead-lettered forward jobs (the forwards-poison queue) have no API yet: see docs/forwarding.md.</p>
        </>
      )}
    </section>
  );
}

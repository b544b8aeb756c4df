// A forward's preview: the request it would send, rendered by Trax itself (POST /api/forwards/preview).

import { useRef, useState } from "preact/hooks";
import { ErrorBox } from "../../components/ErrorBox";
import { Field } from "../../components/Field";
import { Status } from "../../components/Status";
import { UnauthorizedError } from "../../lib/api";
import { useApi } from "../../lib/context";
import { forwardRequestOf, type ForwardForm } from "../../lib/forms";
import { asError } from "../../lib/useLoad";

interface PreviewAnswer {
  status: "ok" | "too-long";
  message?: string;
  method?: string;
  url?: string;
  contentType?: string;
  body?: string;
  /** Null for the sample conversion: filters are judged for a stored conversion only. */
  matches: boolean | null;
  sample: boolean;
}

/** The request the forward would send for a sample conversion (or a chosen one), rendered by Trax itself. */
export function ForwardPreview({ form }: { form: ForwardForm }) {
  const api = useApi();
  const [conversion, setConversion] = useState("");
  const [answer, setAnswer] = useState<PreviewAnswer | Error | undefined>();
  const [busy, setBusy] = useState(false);
  // Only the newest preview is shown: an older one answering late would show a request the form no longer makes.
  const latest = useRef(0);
  const run = async () => {
    const mine = ++latest.current;
    const built = forwardRequestOf(form);
    setBusy(false);
    if (built.error) return setAnswer(new Error(built.error.message));
    setAnswer(undefined);
    setBusy(true);
    try {
      const previewed = await api.send<PreviewAnswer>("POST", "/api/forwards/preview", { forward: built.body, ...(conversion.trim() ? { conversion: conversion.trim() } : {}) });
      if (mine === latest.current) setAnswer(previewed);
    } catch (error) {
      if (mine === latest.current && !(error instanceof UnauthorizedError)) setAnswer(asError(error));
    } finally {
      if (mine === latest.current) setBusy(false);
    }
  };
  return (
    <div class="preview" aria-busy={busy ? "true" : undefined}>
      <Field id="fwd-preview-conversion" label="Conversion id (optional; a sample conversion otherwise)">
        <input id="fwd-preview-conversion" type="text" spellcheck={false} value={conversion} onInput={(e) => setConversion(e.currentTarget.value)} />
      </Field>
      <button type="button" class="secondary" onClick={() => void run()}>Preview the request</button>
      {busy && <Status>Previewing the request…</Status>}
      {answer instanceof Error && <ErrorBox error={answer} />}
      {answer && !(answer instanceof Error) && answer.status === "too-long" && <p class="field-error" role="alert">{answer.message}</p>}
      {answer && !(answer instanceof Error) && answer.status === "ok" && (
        <dl class="terms" id="fwd-preview">
          <dt>For</dt><dd>{answer.sample ? "a sample conversion (every macro filled)" : "this conversion, as it is now"}</dd>
          <dt>Request</dt><dd class="mono">{answer.method} {answer.url}</dd>
          {answer.contentType && <><dt>Content type</dt><dd class="mono">{answer.contentType}</dd></>}
          {answer.body !== undefined && <><dt>Body</dt><dd><pre class="mono">{answer.body}</pre></dd></>}
          {answer.matches !== null && <><dt>Filters</dt><dd>{answer.matches ? "this conversion matches them" : "this conversion does not match them (a replay sends it anyway)"}</dd></>}
        </dl>
      )}
    </div>
  );
}

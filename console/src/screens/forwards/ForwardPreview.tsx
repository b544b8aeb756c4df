// A forward's preview: the request it would send, rendered by Trax itself (POST /api/forwards/preview).

import { useState } from "preact/hooks";
import { ErrorBox } from "../../components/ErrorBox";
import { Field } from "../../components/Field";
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
  const run = async () => {
    const built = forwardRequestOf(form);
    if (built.error) return setAnswer(new Error(built.error.message));
    try {
      setAnswer(await api.send<PreviewAnswer>("POST", "/api/forwards/preview", { forward: built.body, ...(conversion.trim() ? { conversion: conversion.trim() } : {}) }));
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) setAnswer(asError(error));
    }
  };
  return (
    <div class="preview">
      <Field id="fwd-preview-conversion" label="Conversion id (optional; a sample conversion otherwise)">
        <input id="fwd-preview-conversion" type="text" spellcheck={false} value={conversion} onInput={(e) => setConversion(e.currentTarget.value)} />
      </Field>
      <button type="button" class="secondary" onClick={() => void run()}>Preview the request</button>
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

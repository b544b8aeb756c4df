import { useState } from "preact/hooks";
import { BusyButton } from "./BusyButton";
import { fieldAria } from "./Field";

/**
 * Asks for the function key once per browser session. The key is kept in sessionStorage by the caller and sent as
 * the x-functions-key header; it is never put in a URL, a cookie or localStorage.
 */
export function KeyPrompt({ refusal, checking, onSubmit }: {
  refusal: string | undefined;
  checking: boolean;
  onSubmit: (key: string) => void;
}) {
  const [key, setKey] = useState("");
  return (
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" tabIndex={-1}>Sign in to the Trax console</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) onSubmit(key.trim());
        }}
      >
        <div class={refusal ? "field invalid" : "field"}>
          <label for="function-key">Function key</label>
          <input
            id="function-key"
            name="function-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            autoFocus
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            {...fieldAria("function-key", refusal, true)}
          />
          <p class="hint" id="function-key-hint">
            The function app's host key (Azure portal → the function app → App keys → default). It is kept in this tab
            only, until you close it or sign out.
          </p>
          {refusal && <p class="field-error" id="function-key-error" role="alert">{refusal}</p>}
        </div>
        <BusyButton type="submit" busy={checking}>{checking ? "Checking…" : "Sign in"}</BusyButton>
      </form>
    </section>
  );
}

// A forward's form, to create or edit it (URL, method, body template, filters, timeout, enabled), and delete it. A
// refusal's message is shown under the field it concerns (forms.ts maps the reason codes).

import { BusyButton } from "../../components/BusyButton";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBox } from "../../components/ErrorBox";
import { Field, fieldAria } from "../../components/Field";
import { Link } from "../../components/Link";
import { Status } from "../../components/Status";
import { useApi } from "../../lib/context";
import {
  emptyForwardForm, forwardAttributions, forwardFieldOf, forwardFormOf, forwardMacros, forwardRequestOf,
  type Forward, type ForwardForm,
} from "../../lib/forms";
import { statuses, conversionTypes } from "../../lib/overview";
import { hrefKeepingZone, navigate } from "../../lib/router";
import { useEditor } from "../../lib/useEditor";
import { useLoad } from "../../lib/useLoad";
import type { ScreenProps } from "../registry";
import { ForwardPreview } from "./ForwardPreview";
import { idSearch } from "./idSearch";

export function ForwardEditor({ screen, id }: ScreenProps & { id: string | undefined }) {
  const api = useApi();
  const creating = id === undefined;
  const [loaded] = useLoad(
    (signal) => (creating ? Promise.resolve(undefined) : api.get<{ forward: Forward }>(`/api/forwards/${encodeURIComponent(id)}`, undefined, { signal }).then((b) => b.forward)),
    [id],
  );
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{creating ? screen.title : `Forward ${id}`}</h1>
      <p>
        <Link to="/forwards">All forwards</Link>
        {!creating && <> · <Link to="/forwards/deliveries" search={idSearch(id)}>Delivery log</Link></>}
      </p>
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "failed" && <ErrorBox error={loaded.error} />}
      {loaded.state === "done" && <ForwardFormView key={id ?? ""} initial={loaded.value ? forwardFormOf(loaded.value) : emptyForwardForm} creating={creating} />}
    </section>
  );
}

function ForwardFormView({ initial, creating }: { initial: ForwardForm; creating: boolean }) {
  const { api, form, setForm, errors, failure, busy, setBusy, set, showFieldError, fail, remove: removeFrom } = useEditor<ForwardForm, keyof ForwardForm | "filters">(
    initial, forwardFieldOf, (field) => (field === "filters" ? "fwd-types-ftd" : `fwd-${field}`));
  const toggle = (name: "types" | "statuses" | "attribution", value: string) => (e: Event) => {
    const checked = (e.currentTarget as HTMLInputElement).checked;
    const values = form[name].filter((v) => v !== value);
    setForm({ ...form, [name]: checked ? [...values, value] : values });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const built = forwardRequestOf(form);
    if (built.error) {
      showFieldError(built.error.field as keyof ForwardForm, built.error.message);
      return;
    }
    const id = form.id.trim();
    setBusy(true);
    try {
      if (creating) {
        // PUT creates or replaces: a new forward must not silently replace one that has this id.
        const existing = await api.get<{ forwards: Forward[] }>("/api/forwards");
        if (existing.forwards.some((f) => f.id.toLowerCase() === id.toLowerCase())) {
          showFieldError("id", `A forward with the id ${id} exists already: open it from the list to change it.`);
          return;
        }
      }
      const answer = await api.send<{ forward: Forward }>("PUT", `/api/forwards/${encodeURIComponent(creating ? id : initial.id)}`, built.body);
      navigate(hrefKeepingZone("/forwards", `?saved=${encodeURIComponent(answer.forward.id)}`));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = () => removeFrom("forwards", initial.id);

  const text = (name: "id" | "url" | "timeoutSeconds", extra: Record<string, unknown> = {}) => (
    <input id={`fwd-${name}`} name={name} type="text" spellcheck={false} autocomplete="off" value={form[name]}
      onInput={set(name)} {...fieldAria(`fwd-${name}`, errors[name], true)} {...extra} />
  );
  const area = (name: "body" | "networks" | "links" | "campaigns", rows: number, describedBy?: string) => {
    const aria = fieldAria(`fwd-${name}`, errors[name], true);
    return (
      <textarea id={`fwd-${name}`} name={name} rows={rows} spellcheck={false} value={form[name]} onInput={set(name)}
        {...aria} aria-describedby={[aria["aria-describedby"], describedBy].filter(Boolean).join(" ") || undefined} />
    );
  };

  return (
    <form class="editor" onSubmit={(e) => void submit(e)} aria-label={creating ? "New forward" : "Edit forward"} noValidate>
      {failure && <ErrorBox error={failure} />}
      <Field id="fwd-id" label="Id" error={errors.id} hint={creating ? "1 to 64 letters, digits, - or _; cannot be changed later." : "The id cannot be changed."}>
        {text("id", { readOnly: !creating, required: true })}
      </Field>
      <Field id="fwd-url" label="URL" error={errors.url} hint="An absolute http or https URL; macros such as {sub1} or {status} may fill its path and query (not its host). Put a secret in a query value such as token=…: the delivery log redacts it.">
        {text("url", { required: true, inputMode: "url" })}
      </Field>
      <details class="macros">
        <summary>Macros a template may use</summary>
        <p class="hint">Filled with the conversion's values: URL-encoded in the URL and in a form body, JSON-escaped in a JSON body; empty when it has none.</p>
        <p class="mono">{forwardMacros.map((m) => `{${m}}`).join(" ")}</p>
      </details>
      <Field id="fwd-method" label="Method" error={errors.method}>
        <select id="fwd-method" name="method" value={form.method} onChange={set("method")} {...fieldAria("fwd-method", errors.method)}>
          <option value="GET">GET</option>
          <option value="POST">POST</option>
        </select>
      </Field>
      {form.method === "POST" && (
        <>
          <Field id="fwd-bodyFormat" label="Body format" error={errors.bodyFormat}>
            <select id="fwd-bodyFormat" name="bodyFormat" value={form.bodyFormat} onChange={set("bodyFormat")} {...fieldAria("fwd-bodyFormat", errors.bodyFormat)}>
              <option value="form">form (application/x-www-form-urlencoded)</option>
              <option value="json">json</option>
            </select>
          </Field>
          <Field id="fwd-body" label="Body template" error={errors.body} hint='At most 8,192 characters, e.g. {"click":"{clickid}","status":"{status}"} for JSON or click={clickid}&status={status} for a form.'>
            {area("body", 5)}
          </Field>
        </>
      )}
      <fieldset class="filters-set" aria-describedby={errors.filters ? "fwd-filters-error" : "fwd-filters-hint"}>
        <legend>Which conversions (an empty filter matches all)</legend>
        <p class="hint" id="fwd-filters-hint">Each filter that is given must match: the conversion's type and current status, its network (else its click's), its click's link and campaign, and its attribution (at least one: unattributed is an orphan, whose click is not known).</p>
        <div class="checks" role="group" aria-label="Types">
          <span class="group-label">Types</span>
          {conversionTypes.map((t) => (
            <label class="check" key={t}><input id={`fwd-types-${t}`} type="checkbox" checked={form.types.includes(t)} onChange={toggle("types", t)} /> {t}</label>
          ))}
        </div>
        <div class="checks" role="group" aria-label="Statuses">
          <span class="group-label">Statuses</span>
          {statuses.map((s) => (
            <label class="check" key={s}><input id={`fwd-statuses-${s}`} type="checkbox" checked={form.statuses.includes(s)} onChange={toggle("statuses", s)} /> {s}</label>
          ))}
        </div>
        <div class="checks" role="group" aria-label="Attribution">
          <span class="group-label">Attribution</span>
          {forwardAttributions.map((a) => (
            <label class="check" key={a}><input id={`fwd-attribution-${a}`} type="checkbox" checked={form.attribution.includes(a)} onChange={toggle("attribution", a)} /> {a}</label>
          ))}
        </div>
        <div class="grid-3">
          <Field id="fwd-networks" label="Networks (one per line)">{area("networks", 3, errors.filters ? "fwd-filters-error" : undefined)}</Field>
          <Field id="fwd-links" label="Link ids (one per line)">{area("links", 3, errors.filters ? "fwd-filters-error" : undefined)}</Field>
          <Field id="fwd-campaigns" label="Campaigns (one per line)">{area("campaigns", 3, errors.filters ? "fwd-filters-error" : undefined)}</Field>
        </div>
        {errors.filters && <p class="field-error" id="fwd-filters-error" role="alert">{errors.filters}</p>}
      </fieldset>
      <Field id="fwd-timeoutSeconds" label="Timeout in seconds (optional)" error={errors.timeoutSeconds} hint="The whole request, connection included: 1 to 60; empty for 10.">
        {text("timeoutSeconds", { inputMode: "numeric" })}
      </Field>
      <label class="check">
        <input type="checkbox" name="enabled" checked={form.enabled} onChange={set("enabled")} />
        Enabled (a disabled forward gets no jobs; its queued ones are cancelled)
      </label>
      <h2>Preview</h2>
      <ForwardPreview form={form} />
      <div class="actions">
        <BusyButton type="submit" busy={busy}>{busy ? "Saving…" : creating ? "Create forward" : "Save forward"}</BusyButton>
        {!creating && <ConfirmButton label="Delete forward" confirmLabel={`Delete ${initial.id} for good`} busy={busy} onConfirm={() => void remove()} />}
      </div>
    </form>
  );
}

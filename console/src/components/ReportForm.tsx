// The form of the report screens (Reports, Traffic): a preset range, the zone, from and to (the zone's days) and the
// dimensions to group by. The URL is the state: choosing navigates, and choosing what is shown already loads again.

import { useState } from "preact/hooks";
import { Field, fieldAria } from "./Field";
import { Link } from "./Link";
import { ZonePicker } from "./ZonePicker";
import { presets, resolveRange, type RangeChoice } from "../lib/ranges";
import { href, navigate } from "../lib/router";

export interface ReportFormState {
  range: RangeChoice;
  zone: string;
  groupBy: string[];
}

export interface ReportFormProps<S extends ReportFormState> {
  state: S;
  /** The screen's path and how its state is written in the URL. */
  path: string;
  serialize: (state: S) => string;
  /** The dimensions offered, in the API's order. */
  dimensions: readonly string[];
  /** Prefix of the fields' ids (one form per screen). */
  idPrefix: string;
  label: string;
  toHint?: string;
  errorFor: (name: string) => string | undefined;
  onSame: () => void;
}

export function ReportForm<S extends ReportFormState>({ state, path, serialize, dimensions, idPrefix, label, toHint, errorFor, onSame }: ReportFormProps<S>) {
  const range = resolveRange(state.range, new Date(), state.zone);
  const [form, setForm] = useState({ from: range.from, to: range.to, groupBy: state.groupBy });
  const toggle = (name: string) => (e: Event) => {
    const checked = (e.currentTarget as HTMLInputElement).checked;
    const rest = form.groupBy.filter((g) => g !== name);
    // Dimensions keep the API's order, so a report's columns and row order are the same whatever was ticked first.
    setForm({ ...form, groupBy: checked ? dimensions.filter((d) => d === name || rest.includes(d)) : rest });
  };
  const go = (next: S) => {
    const url = href(path, serialize(next));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    go({ ...state, range: { from: form.from, to: form.to }, groupBy: form.groupBy });
  };
  const id = (name: string) => `${idPrefix}-${name}`;
  const groupError = errorFor("groupBy");
  return (
    <form class="report-form" onSubmit={submit} aria-label={label}>
      <nav class="presets" aria-label="Range">
        {presets.map((p) => (
          <Link key={p.id} to={path} search={serialize({ ...state, range: { preset: p.id } })}
            current={"preset" in state.range && state.range.preset === p.id}>{p.label}</Link>
        ))}
      </nav>
      <div class="filters">
        <ZonePicker id={id("tz")} zone={state.zone} onPick={(zone) => go({ ...state, zone })} />
        <Field id={id("from")} label={`From (${state.zone} day)`} error={errorFor("from")}>
          <input id={id("from")} type="date" required value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} {...fieldAria(id("from"), errorFor("from"))} />
        </Field>
        <Field id={id("to")} label={`To (${state.zone} day)`} error={errorFor("to")} hint={toHint}>
          <input id={id("to")} type="date" required value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} {...fieldAria(id("to"), errorFor("to"), toHint !== undefined)} />
        </Field>
      </div>
      <fieldset class="checks" aria-describedby={groupError ? id("groupBy-error") : undefined}>
        <legend>Group by</legend>
        {dimensions.map((d) => (
          <label class="check" key={d}><input type="checkbox" name="groupBy" value={d} checked={form.groupBy.includes(d)} onChange={toggle(d)} /> {d}</label>
        ))}
        {groupError && <p class="field-error" id={id("groupBy-error")} role="alert">{groupError}</p>}
      </fieldset>
      <div class="actions"><button type="submit">Show</button></div>
    </form>
  );
}

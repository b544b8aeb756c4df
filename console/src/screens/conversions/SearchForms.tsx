// The conversions screen's two searches: by click id, and by transaction id, network, program, type, status and days.

import { useState } from "preact/hooks";
import { Field, fieldAria } from "../../components/Field";
import { dayIn } from "../../lib/dates";
import { statuses, conversionTypes } from "../../lib/overview";
import { withZone } from "../../lib/ranges";
import { href, navigate } from "../../lib/router";
import { maxSearchDays, serializeSearchFilters, withDays, type SearchFilters } from "../../lib/search";

export function ClickIdForm({ clickid, zone, error, onSame }: { clickid: string; zone: string; error: string | undefined; onSame: () => void }) {
  const [value, setValue] = useState(clickid);
  const submit = (e: Event) => {
    e.preventDefault();
    const url = href("/conversions", withZone(value.trim() ? `?clickid=${encodeURIComponent(value.trim())}` : "", zone));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  return (
    <form class="filters single" onSubmit={submit} aria-label="Find conversions by click id">
      <Field id="c-clickid" label="Click id" error={error} hint="Exactly as the network sent it (or as /go minted it).">
        <input id="c-clickid" type="search" spellcheck={false} autocomplete="off" required value={value}
          onInput={(e) => setValue(e.currentTarget.value)} {...fieldAria("c-clickid", error, true)} />
      </Field>
      <div class="actions"><button type="submit">Find</button></div>
    </form>
  );
}

/** The search beyond the click id (GET /api/conversions/search), kept in the URL so that it can be shared. */
export function OtherSearch({ filters, zone, errorFor, onSame }: { filters: SearchFilters; zone: string; errorFor: (field: string) => string | undefined; onSame: () => void }) {
  const [form, setForm] = useState<SearchFilters>(filters);
  const set = (name: keyof SearchFilters) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value });
  const submit = (e: Event) => {
    e.preventDefault();
    const { page: _, tz: __, ...rest } = form;
    const url = href("/conversions", withZone(serializeSearchFilters(withDays(rest, dayIn(new Date(), zone))), zone));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  const text = (name: "txid" | "network" | "program", label: string) => (
    <Field id={`cs-${name}`} label={label} error={errorFor(name)}>
      <input id={`cs-${name}`} name={name} type="text" spellcheck={false} autocomplete="off" value={form[name] ?? ""}
        onInput={set(name)} {...fieldAria(`cs-${name}`, errorFor(name))} />
    </Field>
  );
  const day = (name: "from" | "to", label: string) => (
    <Field id={`cs-${name}`} label={label} error={errorFor(name)}>
      <input id={`cs-${name}`} name={name} type="date" value={form[name] ?? ""} onInput={set(name)} {...fieldAria(`cs-${name}`, errorFor(name))} />
    </Field>
  );
  return (
    <form aria-label="Search conversions" onSubmit={submit}>
      <p class="hint">Days in {zone}, at most {maxSearchDays}; left empty, the last 7 days. Network and program match whatever their case.</p>
      <div class="filters">
        {day("from", `From (day in ${zone})`)}
        {day("to", `To (day in ${zone})`)}
        {text("txid", "Transaction id")}
        {text("network", "Network")}
        {text("program", "Program")}
        <Field id="cs-type" label="Type" error={errorFor("type")}>
          <select id="cs-type" name="type" value={form.type ?? ""} onChange={set("type")} {...fieldAria("cs-type", errorFor("type"))}>
            <option value="">Any</option>
            {conversionTypes.map((t) => <option value={t} key={t}>{t}</option>)}
          </select>
        </Field>
        <Field id="cs-status" label="Status" error={errorFor("status")}>
          <select id="cs-status" name="status" value={form.status ?? ""} onChange={set("status")} {...fieldAria("cs-status", errorFor("status"))}>
            <option value="">Any</option>
            {statuses.map((st) => <option value={st} key={st}>{st}</option>)}
          </select>
        </Field>
        <div class="actions"><button type="submit" class="secondary">Search</button></div>
      </div>
    </form>
  );
}

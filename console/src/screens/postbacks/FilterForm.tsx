// The postback log's filters: the day and hour of the page's zone, type, outcome, reason and network.

import { useState } from "preact/hooks";
import { Field, fieldAria } from "../../components/Field";
import { outcomes, serializeLogFilters, types, type LogFilters } from "../../lib/logFilters";
import { href, navigate } from "../../lib/router";

export function FilterForm({ filters, today, zone, errorFor, onSame }: {
  filters: LogFilters;
  today: string;
  /** The zone the day and hour are read in, named in their labels. */
  zone: string;
  errorFor: (field: string) => string | undefined;
  /** Show with unchanged filters reads the log again. */
  onSame: () => void;
}) {
  const [form, setForm] = useState({
    date: filters.date ?? today,
    hour: filters.hour ?? "",
    type: filters.type ?? "",
    outcome: filters.outcome ?? "",
    reason: filters.reason ?? "",
    network: filters.network ?? "",
  });
  const set = (name: keyof typeof form) => (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    const next: LogFilters = { live: filters.live, ...(filters.tz ? { tz: filters.tz } : {}) };
    if (form.date && form.date !== today) next.date = form.date;
    for (const name of ["hour", "type", "outcome", "reason", "network"] as const) {
      if (form[name].trim()) next[name] = form[name].trim();
    }
    const url = href("/postbacks", serializeLogFilters(next));
    if (url === window.location.pathname + window.location.search) onSame();
    else navigate(url);
  };
  const dateError = errorFor("date");
  return (
    <form class="filters" onSubmit={submit} aria-label="Filter the postback log">
      <Field id="f-date" label={`Day (${zone})`} error={dateError}>
        <input id="f-date" type="date" required value={form.date} onInput={set("date")} {...fieldAria("f-date", dateError)} />
      </Field>
      <Field id="f-hour" label={`Hour (${zone})`} error={errorFor("hour")}>
        <select id="f-hour" value={form.hour} onChange={set("hour")} {...fieldAria("f-hour", errorFor("hour"))}>
          <option value="">Any</option>
          {Array.from({ length: 24 }, (_, h) => <option value={String(h)}>{String(h).padStart(2, "0")}:00</option>)}
        </select>
      </Field>
      <Field id="f-outcome" label="Outcome" error={errorFor("outcome")}>
        <select id="f-outcome" value={form.outcome} onChange={set("outcome")} {...fieldAria("f-outcome", errorFor("outcome"))}>
          <option value="">Any</option>
          {outcomes.map((o) => <option value={o}>{o}</option>)}
        </select>
      </Field>
      <Field id="f-type" label="Type" error={errorFor("type")}>
        <select id="f-type" value={form.type} onChange={set("type")} {...fieldAria("f-type", errorFor("type"))}>
          <option value="">Any</option>
          {types.map((t) => <option value={t}>{t}</option>)}
        </select>
      </Field>
      <Field id="f-reason" label="Reason code" error={errorFor("reason")}>
        <input id="f-reason" type="text" spellcheck={false} autocomplete="off" placeholder="e.g. unreplaced-macro"
          value={form.reason} onInput={set("reason")} {...fieldAria("f-reason", errorFor("reason"))} />
      </Field>
      <Field id="f-network" label="Network" error={errorFor("network")}>
        <input id="f-network" type="text" spellcheck={false} autocomplete="off" placeholder="exactly as sent"
          value={form.network} onInput={set("network")} {...fieldAria("f-network", errorFor("network"))} />
      </Field>
      <div class="actions">
        <button type="submit">Show</button>
      </div>
    </form>
  );
}

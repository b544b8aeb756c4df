// Links (/api/links, Links/LinkAdmin.cs): the list with each link's /go address, a form to create one and to edit
// one, and delete. A refusal's message is shown under the field it concerns (forms.ts maps the reason codes).

import { BusyButton } from "../components/BusyButton";
import { ConfirmButton } from "../components/ConfirmButton";
import { ErrorBox } from "../components/ErrorBox";
import { Field, fieldAria } from "../components/Field";
import { Link } from "../components/Link";
import { NoIdNamed } from "../components/NoIdNamed";
import { Status } from "../components/Status";
import { TimesZone } from "../components/TimesZone";
import { useApi } from "../lib/context";
import { formatDateTime } from "../lib/format";
import { emptyLinkForm, linkFieldOf, linkFormOf, linkRequestOf, type Link as TraxLink, type LinkForm } from "../lib/forms";
import { timesZone, withZone } from "../lib/ranges";
import { hrefKeepingZone, navigate } from "../lib/router";
import { useEditor } from "../lib/useEditor";
import { useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

export default function Links(props: ScreenProps) {
  switch (props.screen.path) {
    case "/links/new": return <LinkEditor {...props} id={undefined} />;
    case "/links/edit": {
      const id = new URLSearchParams(props.place.search).get("id")?.trim() ?? "";
      return id ? <LinkEditor {...props} id={id} /> : <NoIdNamed title="Link" what="link" list="/links" />;
    }
    default: return <LinkList {...props} />;
  }
}

/** The address a visitor follows: /go/{id} on this host. */
export function goUrl(id: string): string {
  return `${window.location.origin}/go/${encodeURIComponent(id)}`;
}

function LinkList({ screen, place }: ScreenProps) {
  const api = useApi();
  const params = new URLSearchParams(place.search);
  const zone = timesZone(place.search);
  const [loaded, reload] = useLoad((signal) => api.get<{ links: TraxLink[] }>("/api/links", undefined, { signal }), []);
  const saved = params.get("saved");
  const deleted = params.get("deleted");
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <p class="note">A link sends a visitor on to a network with a fresh click id in place of <code>{"{clickid}"}</code>; the network's postback brings that id back, and the conversion is attributed to the link's network, program and campaign.</p>
      <div class="toolbar">
        <Link to="/links/new" class="button">New link</Link>
        <button type="button" class="secondary" onClick={reload}>Reload</button>
        <TimesZone id="l-tz" place={place} zone={zone} />
      </div>
      {saved && <Status role="status" class="status">Saved link <strong>{saved}</strong>.</Status>}
      {deleted && <Status role="status" class="status">Deleted link <strong>{deleted}</strong>.</Status>}
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "failed" && <ErrorBox error={loaded.error} />}
      {loaded.state === "done" && (loaded.value.links.length === 0
        ? <p>No links yet. <Link to="/links/new">Create the first one</Link>.</p>
        : (
          <ul class="cards" aria-label="Links">
            {loaded.value.links.map((link) => (
              <li class="card" key={link.id}>
                <h2 class="card-title">
                  <Link to="/links/edit" search={withZone(`?id=${encodeURIComponent(link.id)}`, zone)}>{link.id}</Link>
                  {" "}<span class={link.enabled ? "badge outcome-created" : "badge outcome-rejected"}>{link.enabled ? "enabled" : "disabled"}</span>
                </h2>
                <dl class="terms">
                  <dt>Tracking URL</dt><dd class="mono">{goUrl(link.id)}</dd>
                  <dt>Destination</dt><dd class="mono">{link.destination}</dd>
                  <dt>Network</dt><dd>{link.network}</dd>
                  <dt>Program</dt><dd>{link.program}</dd>
                  <dt>Campaign</dt><dd>{link.campaign ?? "—"}</dd>
                  <dt>Attribution window</dt><dd>{link.attributionWindowDays ? `${link.attributionWindowDays} days` : "none"}</dd>
                  <dt>Updated</dt><dd>{formatDateTime(link.updatedAt, zone)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function LinkEditor({ screen, place, id }: ScreenProps & { id: string | undefined }) {
  const api = useApi();
  const creating = id === undefined;
  const [loaded] = useLoad(
    (signal) => (creating ? Promise.resolve(undefined) : api.get<{ link: TraxLink }>(`/api/links/${encodeURIComponent(id)}`, undefined, { signal }).then((b) => b.link)),
    [id],
  );
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{creating ? screen.title : `Link ${id}`}</h1>
      <p><Link to="/links">All links</Link></p>
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "failed" && <ErrorBox error={loaded.error} />}
      {loaded.state === "done" && <LinkFormView key={id ?? ""} initial={loaded.value ? linkFormOf(loaded.value) : emptyLinkForm} creating={creating} link={loaded.value} zone={timesZone(place.search)} />}
    </section>
  );
}

function LinkFormView({ initial, creating, link, zone }: { initial: LinkForm; creating: boolean; link: TraxLink | undefined; zone: string }) {
  const { api, form, errors, setErrors, failure, busy, setBusy, set, fail, remove: removeFrom } = useEditor<LinkForm, keyof LinkForm>(
    initial, linkFieldOf, (field) => `link-${field}`);

  const submit = async (e: Event) => {
    e.preventDefault();
    const built = linkRequestOf(form);
    if (built.error) {
      setErrors({ [built.error.field]: built.error.message });
      return;
    }
    setBusy(true);
    try {
      const answer = creating
        ? await api.send<{ link: TraxLink }>("POST", "/api/links", built.body)
        : await api.send<{ link: TraxLink }>("PUT", `/api/links/${encodeURIComponent(initial.id)}`, built.body);
      navigate(hrefKeepingZone("/links", `?saved=${encodeURIComponent(answer.link.id)}`));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = () => removeFrom("links", initial.id);

  const input = (name: keyof LinkForm, extra: Record<string, unknown> = {}) => (
    <input id={`link-${name}`} name={name} type="text" spellcheck={false} autocomplete="off" value={form[name] as string}
      onInput={set(name)} {...fieldAria(`link-${name}`, errors[name], true)} {...extra} />
  );

  return (
    <form class="editor" onSubmit={(e) => void submit(e)} aria-label={creating ? "New link" : "Edit link"} noValidate>
      {failure && <ErrorBox error={failure} />}
      <Field id="link-id" label="Id" error={errors.id} hint={creating ? "1 to 64 letters, digits, - or _. Visitors follow /go/<id>; the id cannot be changed later." : "The id cannot be changed."}>
        {input("id", { readOnly: !creating, required: true })}
      </Field>
      <Field id="link-destination" label="Destination" error={errors.destination} hint="The network's tracking link, with {clickid} where the network takes the click id (e.g. https://network.example/c?o=12&sub=…{clickid}).">
        {input("destination", { required: true, inputMode: "url" })}
      </Field>
      <Field id="link-network" label="Network" error={errors.network} hint="As the network's postbacks will name it (network=…).">
        {input("network", { required: true })}
      </Field>
      <Field id="link-program" label="Program" error={errors.program} hint="The offer or program this link promotes.">
        {input("program", { required: true })}
      </Field>
      <Field id="link-campaign" label="Campaign (optional)" error={errors.campaign} hint="Your own name for where the link is placed.">
        {input("campaign")}
      </Field>
      <Field id="link-attributionWindowDays" label="Attribution window in days (optional)" error={errors.attributionWindowDays} hint="A conversion more than this many days after its click is counted as outside-window, not attributed to the click (a forward takes it only if its attribution says so). Empty: no window.">
        {input("attributionWindowDays", { inputMode: "numeric" })}
      </Field>
      <label class="check">
        <input type="checkbox" name="enabled" checked={form.enabled} onChange={set("enabled")} />
        Enabled (a disabled link answers 404 and records no click)
      </label>
      {!creating && link && <p class="hint">Created {formatDateTime(link.createdAt, zone)}, updated {formatDateTime(link.updatedAt, zone)} ({zone}). Tracking URL: <span class="mono">{goUrl(link.id)}</span></p>}
      <div class="actions">
        <BusyButton type="submit" busy={busy}>{busy ? "Saving…" : creating ? "Create link" : "Save link"}</BusyButton>
        {!creating && <ConfirmButton label="Delete link" confirmLabel={`Delete ${initial.id} for good`} busy={busy} onConfirm={() => void remove()} />}
      </div>
    </form>
  );
}

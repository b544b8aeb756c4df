// Network setup: the postback URL to paste into a network (its macros from a small catalogue, lib/networks.ts), and
// a check of a pasted URL through intake's own validation and the network's protection, queuing nothing.

import { useState } from "preact/hooks";
import { BusyButton } from "../components/BusyButton";
import { ErrorBox } from "../components/ErrorBox";
import { Field, fieldAria } from "../components/Field";
import { Status } from "../components/Status";
import { UnauthorizedError } from "../lib/api";
import { checkView, pastedParameters, type CheckAnswer } from "../lib/check";
import { useApi } from "../lib/context";
import { knownNetwork, macro, platforms, postbackUrl, protectionText, tokenPlaceholder, type NetworksAnswer, type Platform } from "../lib/networks";
import { conversionTypes } from "../lib/overview";
import { asError, useLoad } from "../lib/useLoad";
import type { ScreenProps } from "./registry";

type Macros = Pick<Platform, "clickid"> & { txid: string; payout: string; currency: string; status: string };

const macrosOf = (p: Platform): Macros => ({ clickid: p.clickid, txid: p.txid ?? "", payout: p.payout ?? "", currency: p.currency ?? "", status: p.status ?? "" });

export default function Networks({ screen }: ScreenProps) {
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <h2 id="builder">Postback URL for a network</h2>
      <Builder />
      <h2 id="check">Check a postback URL</h2>
      <Check />
    </section>
  );
}

function Builder() {
  const api = useApi();
  // The settings' networks help (their names, token, status words); the builder works without them.
  const [loaded] = useLoad((signal) => api.get<NetworksAnswer>("/api/networks", undefined, { signal }), []);
  const settings = loaded.state === "done" ? loaded.value : undefined;
  const [type, setType] = useState("ftd");
  const [platformId, setPlatformId] = useState(platforms[0]!.id);
  const platform = platforms.find((p) => p.id === platformId) ?? platforms[0]!;
  const [network, setNetwork] = useState("");
  const [program, setProgram] = useState("");
  const [macros, setMacros] = useState<Macros>(macrosOf(platform));
  const [token, setToken] = useState(false);
  const [copied, setCopied] = useState<string | undefined>();

  const choose = (id: string) => {
    setPlatformId(id);
    setMacros(macrosOf(platforms.find((p) => p.id === id) ?? platforms[0]!));
  };
  const known = knownNetwork(settings, network);
  const withToken = token || known?.token === true;
  const url = postbackUrl({ origin: window.location.origin, type, network, program, syntax: platform.syntax, ...macros, token: withToken });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Copied.");
    } catch {
      setCopied("The browser did not allow copying: select the URL and copy it.");
    }
  };
  const macroField = (name: keyof Macros, label: string) => (
    <Field id={`nb-${name}`} label={label} hint={macros[name] ? `sent as ${macro(platform.syntax, macros[name])}` : "left out"}>
      <input id={`nb-${name}`} type="text" spellcheck={false} autocomplete="off" value={macros[name]}
        onInput={(e) => setMacros({ ...macros, [name]: e.currentTarget.value })} {...fieldAria(`nb-${name}`, undefined, true)} />
    </Field>
  );

  return (
    <form class="editor" aria-label="Build a postback URL" onSubmit={(e) => e.preventDefault()}>
      <div class="filters top">
        <Field id="nb-type" label="Conversion type">
          <select id="nb-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            {conversionTypes.map((t) => <option value={t} key={t}>{t}</option>)}
          </select>
        </Field>
        <Field id="nb-platform" label="Network platform">
          <select id="nb-platform" value={platformId} onChange={(e) => choose(e.currentTarget.value)}>
            {platforms.map((p) => <option value={p.id} key={p.id}>{p.name}</option>)}
          </select>
        </Field>
        <Field id="nb-network" label="Network name" hint="As Trax will record it (network=…): the name links and forwards filter on. Letters, digits and _ keep it usable in its app settings (token, statuses).">
          <input id="nb-network" type="text" spellcheck={false} autocomplete="off" list="nb-known" value={network} onInput={(e) => setNetwork(e.currentTarget.value)} {...fieldAria("nb-network", undefined, true)} />
        </Field>
        <datalist id="nb-known">{settings?.networks.map((n) => <option key={n.name} value={n.name} />)}</datalist>
        <Field id="nb-program" label="Program (optional)" hint="Literal text, e.g. the offer's name.">
          <input id="nb-program" type="text" spellcheck={false} autocomplete="off" value={program} onInput={(e) => setProgram(e.currentTarget.value)} {...fieldAria("nb-program", undefined, true)} />
        </Field>
      </div>
      {known && <p class="hint" id="nb-known-network">{protectionText(known)}</p>}
      {loaded.state === "failed" && <p class="hint">The networks in Trax's settings could not be read ({loaded.error.message}); the builder works without them.</p>}
      <p class="hint">{platform.note}</p>
      <fieldset class="plain">
        <legend>The network's macros (change them to what your network's postback settings list)</legend>
        <div class="filters top">
          {macroField("clickid", "Click id")}
          {macroField("txid", "Transaction id")}
          {macroField("payout", "Payout")}
          {macroField("currency", "Currency")}
          {macroField("status", "Status")}
        </div>
      </fieldset>
      <label class="check">
        <input type="checkbox" checked={withToken} disabled={known?.token === true} onChange={(e) => setToken(e.currentTarget.checked)} />
        This network is protected by a token
      </label>
      {withToken && (
        <p class="hint">
          Replace <code>{tokenPlaceholder}</code> with the network's token: the app setting
          <code> Trax__Security__Networks__{network.trim() || "<network>"}__Token</code> (Azure portal → the function app →
          Settings → Environment variables, or the Key Vault secret it refers to). The console never sees it. A network
          that can send headers can send it as <code>X-Trax-Token</code> instead, and leave it out of the URL.
        </p>
      )}
      <Field id="postback-url" label="The URL to paste into the network">
        <textarea id="postback-url" class="url-out mono" rows={3} readOnly spellcheck={false} value={url} onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <div class="toolbar">
        <button type="button" class="secondary" onClick={() => void copy()}>Copy the URL</button>
        {copied && <Status as="span" role="status" class="status">{copied}</Status>}
      </div>
      {!network.trim() && <p class="hint">Name the network: without network=…, Trax cannot tell its postbacks apart or check its token.</p>}
    </form>
  );
}

function Check() {
  const api = useApi();
  const [text, setText] = useState("");
  const [pasted, setPasted] = useState<ReturnType<typeof pastedParameters> | undefined>();
  const [answer, setAnswer] = useState<CheckAnswer | Error | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setPasted(pastedParameters(text));
    setAnswer(undefined);
    setBusy(true);
    try {
      setAnswer(await api.send<CheckAnswer>("POST", "/api/postbacks/check", { url: text.trim() }));
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) setAnswer(asError(error));
    } finally {
      setBusy(false);
    }
  };

  const view = answer && !(answer instanceof Error) ? checkView(answer) : undefined;
  return (
    <form class="editor" aria-label="Check a postback URL" onSubmit={(e) => void submit(e)}>
      <p class="note">Paste a postback URL as the network would call it (its macros filled, or not): Trax runs it through intake's validation and the network's protection and stores and queues nothing.</p>
      <Field id="chk-url" label="Postback URL">
        <textarea id="chk-url" rows={3} spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <div class="actions"><BusyButton type="submit" busy={busy}>{busy ? "Checking…" : "Check"}</BusyButton></div>
      {pasted && ("problem" in pasted
        ? <p class="field-error" role="alert">{pasted.problem}</p>
        : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Its query parameters, decoded">
            <table class="pairs">
              <caption>What you pasted: its query parameters, decoded</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
              <tbody>{pasted.pairs.map(([name, value], i) => <tr key={i}><td class="mono">{name}</td><td class="mono">{value}</td></tr>)}</tbody>
            </table>
          </div>
        ))}
      {answer instanceof Error && <ErrorBox error={answer} />}
      {view && (
        <Status as="div" role="status" class={view.ok ? "verdict ok" : "verdict refused"}>
          <p><strong>{view.verdict}</strong></p>
          {view.reason && <p><code class="reason">{view.reason}</code> {view.message}</p>}
          {view.fields.length > 0 && (
            <dl class="terms">{view.fields.map(([name, value]) => <><dt key={`${name}-t`}>{name}</dt><dd key={`${name}-d`}>{value}</dd></>)}</dl>
          )}
          {view.warnings.length > 0 && <><p>Warnings (values dropped, the postback still counts):</p><ul class="warnings">{view.warnings.map((w) => <li key={w}><code>{w}</code></li>)}</ul></>}
          {view.protection && <p>{view.protection}</p>}
        </Status>
      )}
    </form>
  );
}

// A conversion's own page: where it stands, its history as a timeline, its attribution, the callback that created
// it, its postback log rows and its forwards. Every value here came from a postback or a click, shown as text only.

import { ConversionPostbacks } from "../../components/ConversionPostbacks";
import { ErrorBox } from "../../components/ErrorBox";
import { Link } from "../../components/Link";
import { said } from "../../components/Said";
import { Status } from "../../components/Status";
import { Term } from "../../components/Term";
import { TimesZone } from "../../components/TimesZone";
import { useApi } from "../../lib/context";
import {
  clickIdOf, formatDuration, logSearchFor, stateLine, type ConversionView, type HistoryItem, type LookupAnswer,
} from "../../lib/conversions";
import { formatDateTime, formatMoney } from "../../lib/format";
import { timesZone, withZone } from "../../lib/ranges";
import { useLoad } from "../../lib/useLoad";
import type { ScreenProps } from "../registry";
import { ForwardsOf } from "./ForwardsOf";
import { StatusBadge } from "./Results";

const money = (amount: string, currency: string | undefined) => formatMoney(amount, currency);

export function ConversionPage({ place }: ScreenProps) {
  const api = useApi();
  const id = new URLSearchParams(place.search).get("id") ?? "";
  const zone = timesZone(place.search);
  const clickid = clickIdOf(id);
  const [loaded] = useLoad(
    (signal) => (clickid === undefined
      ? Promise.reject(new Error(`"${id}" is not a conversion id (the encoded click id, '/', the conversion key, as the lookup and the delivery log show it).`))
      : api.get<LookupAnswer>("/api/conversions", { clickid }, { signal })),
    [id],
  );
  const conversion = loaded.state === "done" ? loaded.value.conversions.find((c) => c.conversionId === id) : undefined;
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {conversion ? <>{conversion.type} conversion of click <bdi>{conversion.clickId}</bdi></> : "Conversion"}
      </h1>
      <p>
        <Link to="/conversions" search={withZone(clickid ? `?clickid=${encodeURIComponent(clickid)}` : "", zone)}>Every conversion of this click id</Link>
      </p>
      <TimesZone id="cv-tz" place={place} zone={zone} />
      {loaded.state === "loading" && <Status>Loading…</Status>}
      {loaded.state === "failed" && <ErrorBox error={loaded.error} />}
      {loaded.state === "done" && !conversion && (
        <p role="alert">No conversion {id} is stored. <Link to="/conversions" search={`?clickid=${encodeURIComponent(clickid ?? "")}`}>See what this click id has</Link>.</p>
      )}
      {conversion && <ConversionDetail conversion={conversion} zone={zone} />}
    </section>
  );
}

function ConversionDetail({ conversion: c, zone }: { conversion: ConversionView; zone: string }) {
  const pairs = c.rawQuery ? Array.from(new URLSearchParams(c.rawQuery)) : [];
  return (
    <>
      <h2 id="now">Now</h2>
      <p><StatusBadge conversion={c} /></p>
      <dl class="terms">
        <Term name="Status" value={c.statusRaw && c.statusRaw !== c.status ? <>{c.status} (the network said <bdi>{c.statusRaw}</bdi>)</> : c.status} />
        <Term name="Payout" value={c.payout ? formatMoney(c.payout, c.currency) : "none"} />
        <Term name="Type" value={c.type} />
        <Term name="Click id" value={c.clickId} mono />
        <Term name="Transaction id" value={c.txId} mono />
        <Term name="Network" value={c.network} />
        <Term name="Program" value={c.program} />
        <Term name="First received" value={`${formatDateTime(c.receivedAt, zone)} (${c.receivedAt})`} />
        <Term name="Processed" value={formatDateTime(c.processedAt, zone)} />
        <Term name="Counted" value={c.status === "rejected" ? "no: rejected (in the reports' rejected figures)"
          : c.orphan ? "yes, as unattributed: its click is not known (an orphan) until the click is registered"
            : c.outsideWindow ? "yes, as outside-window: it arrived after its link's attribution window" : "yes"} />
        <Term name="Attributed later" value={c.reattributedAt && formatDateTime(c.reattributedAt, zone)} />
        <Term name="Warnings" value={c.warnings} mono />
        <Term name="Conversion id" value={c.conversionId} mono />
      </dl>

      <h2 id="history">History</h2>
      <p class="hint">One entry per postback that created, changed or came too late to change this conversion (repeats that said nothing new are in the postback log only). Each status, payout and currency is set by the most recently received postback that carried it.</p>
      <ol class="timeline" aria-label="History, oldest first">
        {c.history.map((h) => <HistoryEntry key={h.postbackId} entry={h} type={c.type} zone={zone} />)}
      </ol>

      <h2 id="attribution">Attribution</h2>
      {c.clickedAt === undefined
        ? <p>No click is known for this click id{c.orphan ? ": the conversion waits as an orphan until the click is registered" : ""}.</p>
        : (
          <dl class="terms">
            <Term name="Link" value={c.linkId} />
            <Term name="Network (click)" value={c.clickNetwork} />
            <Term name="Program (click)" value={c.clickProgram} />
            <Term name="Campaign" value={c.campaign} />
            <Term name="Source" value={c.source} />
            <Term name="Sub 1" value={c.sub1} />
            <Term name="Sub 2" value={c.sub2} />
            <Term name="Sub 3" value={c.sub3} />
            <Term name="Sub 4" value={c.sub4} />
            <Term name="Sub 5" value={c.sub5} />
            <Term name="Clicked" value={formatDateTime(c.clickedAt, zone)} />
            <Term name="Time to convert" value={c.secondsToConvert !== undefined ? `${formatDuration(c.secondsToConvert)} (${c.secondsToConvert} s)` : undefined} />
            <Term name="Attribution window" value={c.attributionWindowDays ? `${c.attributionWindowDays} days` : "none"} />
          </dl>
        )}
      {c.linkId && <p><Link to="/links/edit" search={`?id=${encodeURIComponent(c.linkId)}`}>Open link {c.linkId}</Link></p>}

      <h2 id="callback">The postback that created it</h2>
      <dl class="terms">
        <Term name="Method" value={c.method} />
        <Term name="Query (secrets redacted)" value={c.rawQuery} mono />
        <Term name="Body" value={c.rawBody} mono />
        <Term name="Address" value={c.clientIp} mono />
        <Term name="Forwarded for" value={c.forwardedFor} mono />
        <Term name="User agent" value={c.userAgent} />
      </dl>
      {pairs.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Query parameters, decoded">
          <table class="pairs">
            <caption>Query parameters, decoded</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
            <tbody>{pairs.map(([name, value], i) => <tr key={i}><td class="mono">{name}</td><td class="mono">{value}</td></tr>)}</tbody>
          </table>
        </div>
      )}

      <h2 id="postbacks">Postback log rows</h2>
      <ConversionPostbacks key={`${c.conversionId}|${zone}`} conversion={c} zone={zone} />

      <h2 id="deliveries">Forward deliveries</h2>
      <ForwardsOf conversion={c} zone={zone} />
    </>
  );
}

function HistoryEntry({ entry: h, type, zone }: { entry: HistoryItem; type: string; zone: string }) {
  const sent = said([["status", h.statusRaw || h.status], ["payout", h.payout ? formatMoney(h.payout, h.currency) : undefined]]);
  return (
    <li class="timeline-entry">
      <p class="timeline-head">
        <span class="time">{formatDateTime(h.receivedAt, zone)}</span>{" "}
        <span class={`badge outcome-${["created", "updated", "superseded", "orphan", "outside-window"].includes(h.outcome) ? h.outcome : "other"}`}>{h.outcome}</span>
      </p>
      <dl class="terms">
        <Term name="Change" value={h.from ? `${stateLine(h.from, money)} → ${stateLine(h.to, money)}` : stateLine(h.to, money)} />
        <Term name="The postback said" value={sent ?? "nothing about status or payout"} />
        <Term name="From" value={h.network ? <><bdi>{h.network}</bdi>{h.method && ` · ${h.method}`}</> : h.method} />
        <Term name="Postback id" value={h.postbackId} mono />
      </dl>
      <Link to="/postbacks" search={logSearchFor(h, type, zone)} zone={zone}>See it in the postback log</Link>
    </li>
  );
}

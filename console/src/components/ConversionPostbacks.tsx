import { useState } from "preact/hooks";
import { useApi } from "../lib/context";
import type { ConversionView } from "../lib/conversions";
import { clickPostbacksNote, followedPage } from "../lib/search";
import { asError, useLoad } from "../lib/useLoad";
import type { LogItem } from "../lib/postbackLog";
import { ErrorBox } from "./ErrorBox";
import { PostbackRow } from "./PostbackRow";
import { Status } from "./Status";

interface ClickPostbacks { clickid: string; from: string; to: string; timeZone?: string; count: number; items: LogItem[]; continuationToken?: string | null }

/**
 * Every log row about a conversion (GET /api/conversions/postbacks): created, updates, duplicates, refusals of its type.
 * The API answers a page at a time (a flooded click may have thousands of rows): Show more reads the next page and adds
 * it below, and the summary counts the rows shown, saying so while more follow. The screen keys it by the conversion,
 * so another conversion starts from its first page.
 */
export function ConversionPostbacks({ conversion, zone }: { conversion: ConversionView; zone: string }) {
  const api = useApi();
  const query = { clickid: conversion.clickId, key: conversion.key, tz: zone };
  const [loaded] = useLoad((signal) => api.get<ClickPostbacks>("/api/conversions/postbacks", query, { signal }), [conversion.conversionId, zone]);
  const [followed, setFollowed] = useState<ClickPostbacks | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  if (loaded.state === "loading") return <Status>Loading its postbacks…</Status>;
  if (loaded.state === "failed") return <ErrorBox error={loaded.error} />;
  const shown = followed ?? loaded.value;
  const token = shown.continuationToken ?? null;
  const showMore = async () => {
    if (!token) return;
    setReading(true);
    setError(null);
    try {
      setFollowed(followedPage(shown, await api.get<ClickPostbacks>("/api/conversions/postbacks", { ...query, continuationToken: token })));
    } catch (e) {
      setError(asError(e));
    } finally {
      setReading(false);
    }
  };
  return (
    <>
      <Status class="summary" id="postbacks-summary">
        {clickPostbacksNote(shown.count, shown.from, shown.to, shown.timeZone, token !== null)}: repeats and refusals of its type included (the log keeps 30 days).
      </Status>
      <ol class="log" aria-label="Postback log rows about this conversion, newest first">
        {shown.items.map((item) => <PostbackRow key={item.id} item={item} zone={zone} />)}
      </ol>
      {error && <ErrorBox error={error} />}
      {token && <button type="button" class="secondary" disabled={reading} onClick={showMore}>{reading ? "Reading more…" : "Show more"}</button>}
    </>
  );
}

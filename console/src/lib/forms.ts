// The link and forward forms: what the form holds, the JSON body the API takes (Links/LinkRequest.cs,
// Forwards/ForwardRequest.cs), and which field a refusal is about, so the API's own message is shown next to it.
// The console checks nothing the API checks: it only turns text into the JSON types the API reads.

import type { ApiError } from "./api";

export interface Link {
  id: string;
  destination: string;
  network: string;
  program: string;
  campaign?: string;
  attributionWindowDays?: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface LinkForm {
  id: string;
  destination: string;
  network: string;
  program: string;
  campaign: string;
  attributionWindowDays: string;
  enabled: boolean;
}

export const emptyLinkForm: LinkForm = { id: "", destination: "", network: "", program: "", campaign: "", attributionWindowDays: "", enabled: true };

export function linkFormOf(link: Link): LinkForm {
  return {
    id: link.id,
    destination: link.destination,
    network: link.network,
    program: link.program,
    campaign: link.campaign ?? "",
    attributionWindowDays: link.attributionWindowDays?.toString() ?? "",
    enabled: link.enabled,
  };
}

/** A form value that must be a whole number, or undefined when empty; a string when it is not one (the form says so). */
function wholeNumber(text: string): number | undefined | string {
  const value = text.trim();
  if (!value) return undefined;
  return /^-?\d{1,9}$/.test(value) ? Number.parseInt(value, 10) : value;
}

export type Built<T> = { body: T; error?: undefined } | { body?: undefined; error: { field: string; message: string } };

export function linkRequestOf(form: LinkForm): Built<Record<string, unknown>> {
  const window = wholeNumber(form.attributionWindowDays);
  if (typeof window === "string") {
    return { error: { field: "attributionWindowDays", message: "Enter a whole number of days, or leave it empty for no window." } };
  }
  const body: Record<string, unknown> = {
    id: form.id.trim(),
    destination: form.destination.trim(),
    network: form.network.trim(),
    program: form.program.trim(),
    enabled: form.enabled,
  };
  if (form.campaign.trim()) body.campaign = form.campaign.trim();
  if (window !== undefined) body.attributionWindowDays = window;
  return { body };
}

/** The link form field a refusal of /api/links concerns, or undefined when it concerns the request as a whole. */
export function linkFieldOf(error: Pick<ApiError, "reason" | "message">, form: LinkForm): keyof LinkForm | undefined {
  switch (error.reason) {
    case "invalid-link-id":
    case "link-id-mismatch":
    case "link-exists":
      return "id";
    case "invalid-destination":
    case "missing-placeholder":
      return "destination";
    case "missing-field":
      return !form.network.trim() ? "network" : !form.program.trim() ? "program" : "network";
    case "invalid-field": {
      const named = /^(network|program|campaign):/.exec(error.message)?.[1];
      return (named as keyof LinkForm | undefined) ?? "network";
    }
    case "invalid-attribution-window":
      return "attributionWindowDays";
    default:
      return undefined;
  }
}

export interface Forward {
  id: string;
  url: string;
  method: string;
  bodyFormat?: string;
  body?: string;
  enabled: boolean;
  types?: string[];
  statuses?: string[];
  networks?: string[];
  links?: string[];
  campaigns?: string[];
  /** attributed, unattributed, outside-window: which conversions by their click (the API always says; attributed only when saved without). */
  attribution?: string[];
  timeoutSeconds: number;
  createdAt: string;
  updatedAt: string;
}

export interface ForwardForm {
  id: string;
  url: string;
  method: string;
  bodyFormat: string;
  body: string;
  enabled: boolean;
  types: string[];
  statuses: string[];
  /** One value per line. */
  networks: string;
  links: string;
  campaigns: string;
  attribution: string[];
  timeoutSeconds: string;
}

/** The attributions a forward takes (Core/Attributions.cs), and what it takes when saved without the filter. */
export const forwardAttributions = ["attributed", "unattributed", "outside-window"] as const;
export const defaultForwardAttribution: readonly string[] = ["attributed"];

export const emptyForwardForm: ForwardForm = {
  id: "", url: "", method: "GET", bodyFormat: "form", body: "", enabled: true, types: [], statuses: [],
  networks: "", links: "", campaigns: "", attribution: [...defaultForwardAttribution], timeoutSeconds: "",
};

export function forwardFormOf(forward: Forward): ForwardForm {
  return {
    id: forward.id,
    url: forward.url,
    method: forward.method,
    bodyFormat: forward.bodyFormat ?? "form",
    body: forward.body ?? "",
    enabled: forward.enabled,
    types: forward.types ?? [],
    statuses: forward.statuses ?? [],
    networks: (forward.networks ?? []).join("\n"),
    links: (forward.links ?? []).join("\n"),
    campaigns: (forward.campaigns ?? []).join("\n"),
    attribution: forward.attribution ?? [...defaultForwardAttribution],
    timeoutSeconds: String(forward.timeoutSeconds),
  };
}

/** The non-empty lines of a text area, trimmed. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

export function forwardRequestOf(form: ForwardForm): Built<Record<string, unknown>> {
  const timeout = wholeNumber(form.timeoutSeconds);
  if (typeof timeout === "string") {
    return { error: { field: "timeoutSeconds", message: "Enter a whole number of seconds, or leave it empty for the default (10)." } };
  }
  const body: Record<string, unknown> = { url: form.url.trim(), method: form.method, enabled: form.enabled };
  if (form.method === "POST") {
    body.bodyFormat = form.bodyFormat;
    body.body = form.body;
  }
  const filters: [string, string[]][] = [
    ["types", form.types], ["statuses", form.statuses],
    ["networks", lines(form.networks)], ["links", lines(form.links)], ["campaigns", lines(form.campaigns)],
  ];
  for (const [name, values] of filters) if (values.length > 0) body[name] = values;
  // Always sent: left out, the API would take attributed conversions only, whatever the forward took before (and an
  // empty choice is the API's to refuse, not to turn into that default).
  body.attribution = form.attribution;
  if (timeout !== undefined) body.timeoutSeconds = timeout;
  return { body };
}

/** The forward form field (or "filters") a refusal of /api/forwards concerns, or undefined for the request as a whole. */
export function forwardFieldOf(error: Pick<ApiError, "reason" | "message">, form: ForwardForm): keyof ForwardForm | "filters" | undefined {
  switch (error.reason) {
    case "invalid-forward-id":
    case "forward-id-mismatch":
    case "forward-exists":
      return "id";
    case "invalid-url":
    case "private-destination":
      return "url";
    case "unknown-macro": {
      // "{name} is not a macro Trax fills": the URL is checked first, so it is the URL's unless only the body has it.
      const macro = /^(\{[^}]*\})/.exec(error.message)?.[1];
      return macro && !form.url.includes(macro) && form.body.includes(macro) ? "body" : "url";
    }
    case "invalid-method":
      return "method";
    case "invalid-body-template":
      return "body";
    case "invalid-filter":
      return "filters";
    case "invalid-timeout":
      return "timeoutSeconds";
    default:
      return undefined;
  }
}

/** The macros a forward's template may use (Forwards/ForwardMacros.cs), in the docs' order. */
export const forwardMacros = [
  "clickid", "type", "status", "payout", "currency", "txid", "network", "program", "campaign", "linkid",
  "source", "sub1", "sub2", "sub3", "sub4", "sub5", "conversionid", "postbackid", "receivedat",
] as const;

// The postback URL check: POST /api/postbacks/check (docs/console.md). Intake's own code judges the pasted URL and the
// network's protection without queuing or logging anything; the console shows the verdict.

export interface CheckAnswer {
  /** What intake would do with this request. */
  status: "would-accept" | "would-reject";
  /** The status intake would answer: 200, or the refusal's 400, 403, 404, 413, 414. */
  httpStatus: number;
  reason?: string;
  message?: string;
  /** The parameter a refusal is about (clickid, payout, currency, token, network, url, body). */
  field?: string;
  type?: string;
  postback?: {
    clickid: string;
    network?: string;
    program?: string;
    txid?: string;
    payout?: string;
    currency?: string;
    status?: string;
    /** The Trax status the network's value maps to (pending, approved, rejected). */
    statusMapped?: string;
  };
  warnings?: string[];
  protection?: {
    network: string | null;
    token: "not-required" | "ok" | "missing" | "wrong";
    ip: "not-required" | "not-checked";
  };
}

export interface CheckView {
  verdict: string;
  ok: boolean;
  reason?: string;
  message?: string;
  fields: [string, string][];
  warnings: string[];
  protection?: string;
}

const tokenText: Record<string, string> = {
  "not-required": "this network needs no token",
  ok: "the token is right",
  missing: "the token is missing",
  wrong: "the token is wrong",
};

/** What the screen shows for an answer: a verdict, the would-be stored fields, warnings, the protection's result. */
export function checkView(answer: CheckAnswer): CheckView {
  const ok = answer.status === "would-accept";
  const p = answer.postback;
  const fields: [string, string][] = p
    ? ([
      ["Type", answer.type], ["Click id", p.clickid], ["Network", p.network], ["Program", p.program], ["Transaction id", p.txid],
      ["Payout", p.payout], ["Currency", p.currency],
      ["Status", p.status === undefined ? undefined : p.statusMapped && p.statusMapped !== p.status ? `${p.status} (counted as ${p.statusMapped})` : p.status],
    ].filter((f): f is [string, string] => f[1] !== undefined && f[1] !== ""))
    : [];
  const view: CheckView = {
    verdict: ok ? `Trax would accept it (HTTP ${answer.httpStatus}) and store:` : `Trax would refuse it (HTTP ${answer.httpStatus}).`,
    ok,
    fields,
    warnings: answer.warnings ?? [],
  };
  if (answer.reason) view.reason = answer.reason;
  if (answer.message) view.message = answer.message;
  if (answer.protection) {
    const ip = answer.protection.ip === "not-checked" ? "; its address list is not checked here (the check does not come from the network's address)" : "";
    view.protection = `${answer.protection.network ? `Network ${answer.protection.network}: ` : ""}${tokenText[answer.protection.token] ?? answer.protection.token}${ip}.`;
  }
  return view;
}

/** The query parameters of a pasted URL, decoded, or why it is not a URL. */
export function pastedParameters(text: string): { pairs: [string, string][] } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: "This is not an absolute URL (it should start with https://)." };
  }
  return { pairs: Array.from(url.searchParams) };
}

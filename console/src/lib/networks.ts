// Network setup: the postback URL an operator pastes into a network's postback (or "pixel") settings. Trax's
// public contract is GET /wp-json/trax/v1/{ftd|reg|sale}?clickid=…&network=…&program=…; each network fills the
// values with its own macros, in its own syntax (../shared/postbacks/network-macros.md). The catalogue holds the
// macro names these platforms document for the values Trax reads; the operator can change any of them.

export type MacroSyntax = "{name}" | "[name]" | "#name#" | "%name%" | "{{name}}";

export interface Platform {
  id: string;
  name: string;
  syntax: MacroSyntax;
  /** The macro that returns Trax's click id: the sub-id the tracking link passed it in. */
  clickid: string;
  txid?: string;
  payout?: string;
  currency?: string;
  status?: string;
  /** What to tell the operator about this platform. */
  note: string;
}

export const platforms: readonly Platform[] = [
  {
    id: "cake", name: "CAKE", syntax: "#name#", clickid: "s2", txid: "leadid", payout: "price",
    note: "CAKE's tokens are written #name#. Pass the click id in s2 of the offer link (s2=…); #leadid# is CAKE's conversion id and #price# the payout. CAKE sends no currency: add currency=EUR (your account's) by hand if you want one.",
  },
  {
    id: "affise", name: "Affise", syntax: "{name}", clickid: "sub1", txid: "transactionid", payout: "sum", currency: "currency", status: "status",
    note: "Affise has no click id macro for affiliates: pass the click id in sub1 of the tracking link. {status} sends 1 (approved), 2 (pending), 3 (declined) or 5 (hold): Trax reads 1 as approved by default; map the others in the app settings (Trax__Networks__<network>__Statuses__2=pending, __3=rejected, __5=pending).",
  },
  {
    id: "tune", name: "TUNE (HasOffers)", syntax: "{name}", clickid: "aff_sub", txid: "transaction_id", payout: "payout",
    note: "Pass the click id in aff_sub of the tracking link; {transaction_id} is TUNE's id of the conversion's click.",
  },
  {
    id: "everflow", name: "Everflow", syntax: "{name}", clickid: "sub1",
    note: "Pass the click id in sub1 of the tracking link. Everflow's {transaction_id} is its id of the click, not of the conversion: do not send it as txid, or two sales of one click would be taken for one.",
  },
  {
    id: "brackets", name: "Other: [name] macros", syntax: "[name]", clickid: "CLICK_ID",
    note: "Many in-house platforms write macros as [name]. Use the names your network's postback settings list.",
  },
  {
    id: "percent", name: "Other: %name% macros", syntax: "%name%", clickid: "subid1",
    note: "Older platforms write macros as %name%. Use the names your network's postback settings list.",
  },
  {
    id: "braces", name: "Other: {name} macros", syntax: "{name}", clickid: "clickid",
    note: "Voluum, RedTrack, Keitaro and most trackers write macros as {name}. Use the names your network's postback settings list.",
  },
];

export function macro(syntax: MacroSyntax, name: string): string {
  return syntax.replace("name", name);
}

export interface PostbackUrlInput {
  origin: string;
  type: string;
  /** The network's name as Trax should record it (network=): literal text. */
  network: string;
  /** The program or offer: literal text, or empty. */
  program: string;
  syntax: MacroSyntax;
  clickid: string;
  txid: string;
  payout: string;
  currency: string;
  status: string;
  /** Add token=… for a network protected by a token (the value is not known to the console). */
  token: boolean;
}

export const tokenPlaceholder = "REPLACE_WITH_THE_NETWORK_TOKEN";

/**
 * The URL to paste into the network. Literal values (network, program) are URL-encoded; macros are written as the
 * network expects them, unencoded, since the network replaces them before it calls (an encoded {clickid} would not
 * be replaced). Optional values with no macro name are left out.
 */
export function postbackUrl(input: PostbackUrlInput): string {
  const parts: string[] = [`clickid=${macro(input.syntax, input.clickid.trim())}`];
  if (input.network.trim()) parts.push(`network=${encodeURIComponent(input.network.trim())}`);
  if (input.program.trim()) parts.push(`program=${encodeURIComponent(input.program.trim())}`);
  for (const [name, value] of [["txid", input.txid], ["payout", input.payout], ["currency", input.currency], ["status", input.status]] as const) {
    if (value.trim()) parts.push(`${name}=${macro(input.syntax, value.trim())}`);
  }
  if (input.token) parts.push(`token=${tokenPlaceholder}`);
  return `${input.origin}/wp-json/trax/v1/${input.type}?${parts.join("&")}`;
}

/** GET /api/networks: the networks Trax's settings name (never their secrets) and the macro syntaxes networks use. */
export interface NetworksAnswer {
  requireProtectedNetwork: boolean;
  networks: { name: string; token: boolean; allowedIps: boolean; statuses: Record<string, string> }[];
  macroSyntaxes: { forms: string[]; examples: string[]; usedBy: string }[];
}

export type KnownNetwork = NetworksAnswer["networks"][number];

/** The settings' entry for a typed network name (matched as Trax matches it: case-insensitively, trimmed). */
export function knownNetwork(answer: NetworksAnswer | undefined, name: string): KnownNetwork | undefined {
  const wanted = name.trim().toLowerCase();
  if (!answer || wanted === "") return undefined;
  return answer.networks.find((n) => n.name.toLowerCase() === wanted);
}

/** What the builder says of a known network: its protection and status words, in a sentence. */
export function protectionText(network: KnownNetwork): string {
  const guards = [network.token ? "a token" : undefined, network.allowedIps ? "an address list" : undefined].filter(Boolean);
  const words = Object.entries(network.statuses).map(([word, status]) => `${word} → ${status}`);
  return `${network.name} is in Trax's settings: ${guards.length ? `protected by ${guards.join(" and ")}` : "not protected"}` +
    `${words.length ? `; its status words: ${words.join(", ")}` : ""}.`;
}

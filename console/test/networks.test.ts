import { describe, expect, it } from "vitest";
import { checkView, pastedParameters } from "../src/lib/check";
import { parseDeliveryFilters, serializeDeliveryFilters, urlSummary } from "../src/lib/deliveries";
import { knownNetwork, macro, platforms, postbackUrl, protectionText, tokenPlaceholder, type NetworksAnswer } from "../src/lib/networks";

const base = { origin: "https://trax.example", type: "ftd", network: "AffiliateWeb", program: "", syntax: "{name}" as const, clickid: "aff_sub", txid: "", payout: "", currency: "", status: "", token: false };

describe("the postback URL builder", () => {
  it("writes Trax's public route with the network's macros unencoded and literal values encoded", () => {
    expect(postbackUrl({ ...base, program: "Super Game & Co", txid: "transaction_id", payout: "payout" }))
      .toBe("https://trax.example/wp-json/trax/v1/ftd?clickid={aff_sub}&network=AffiliateWeb&program=Super%20Game%20%26%20Co&txid={transaction_id}&payout={payout}");
  });

  it("writes each platform's syntax", () => {
    const cake = platforms.find((p) => p.id === "cake")!;
    expect(postbackUrl({ ...base, type: "sale", syntax: cake.syntax, clickid: cake.clickid, txid: cake.txid!, payout: cake.payout! }))
      .toBe("https://trax.example/wp-json/trax/v1/sale?clickid=#s2#&network=AffiliateWeb&txid=#leadid#&payout=#price#");
    expect(macro("[name]", "CLICK_ID")).toBe("[CLICK_ID]");
    expect(macro("%name%", "subid1")).toBe("%subid1%");
  });

  it("adds the token parameter with a placeholder the operator must replace", () => {
    expect(postbackUrl({ ...base, token: true })).toBe(`https://trax.example/wp-json/trax/v1/ftd?clickid={aff_sub}&network=AffiliateWeb&token=${tokenPlaceholder}`);
  });

  it("has every platform's click id macro, and every syntax a placeholder form network-macros.md lists", () => {
    for (const p of platforms) {
      expect(p.clickid, p.name).not.toBe("");
      expect(["{name}", "[name]", "#name#", "%name%", "{{name}}"]).toContain(p.syntax);
    }
  });
});

describe("the URL check", () => {
  it("shows what would be stored, the warnings and the protection's result", () => {
    const view = checkView({
      status: "would-accept", httpStatus: 200, type: "sale",
      postback: { clickid: "85512345", network: "AffiliateWeb", payout: "25.50", currency: "EUR", status: "paid_out", statusMapped: "approved" },
      warnings: ["program:too-long"], protection: { network: "AffiliateWeb", token: "ok", ip: "not-checked" },
    });
    expect(view.ok).toBe(true);
    expect(view.fields).toEqual([["Type", "sale"], ["Click id", "85512345"], ["Network", "AffiliateWeb"], ["Payout", "25.50"], ["Currency", "EUR"], ["Status", "paid_out (counted as approved)"]]);
    expect(view.warnings).toEqual(["program:too-long"]);
    expect(view.protection).toMatch(/^Network AffiliateWeb: the token is right; its address list is not checked here/);
  });

  it("shows a refusal's reason code and message", () => {
    const view = checkView({ status: "would-reject", httpStatus: 400, reason: "unreplaced-macro", message: "The clickid is still the network's placeholder" });
    expect(view).toMatchObject({ ok: false, verdict: "Trax would refuse it (HTTP 400).", reason: "unreplaced-macro", fields: [] });
  });

  it("decodes what was pasted, or says it is not a URL", () => {
    expect(pastedParameters("https://t.example/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=A%26B")).toEqual({ pairs: [["clickid", "{clickid}"], ["network", "A&B"]] });
    expect(pastedParameters("clickid=1")).toHaveProperty("problem");
  });
});

describe("the delivery log's URL", () => {
  it("round-trips its filters", () => {
    const filters = { id: "ads", date: "2026-11-25", outcome: "failed", page: "tok" };
    expect(serializeDeliveryFilters(filters)).toBe("?id=ads&date=2026-11-25&outcome=failed&page=tok");
    expect(parseDeliveryFilters(serializeDeliveryFilters(filters))).toEqual(filters);
    expect(parseDeliveryFilters("?id=ads")).toEqual({ id: "ads" });
  });

  it("lists a forward by its URL without the query, where secrets sit", () => {
    expect(urlSummary("https://ads.example/pb?cid={sub1}&token=s3cret")).toBe("https://ads.example/pb?…");
    expect(urlSummary("https://ads.example/pb")).toBe("https://ads.example/pb");
  });
});

describe("the networks in Trax's settings", () => {
  const answer: NetworksAnswer = {
    requireProtectedNetwork: false,
    networks: [
      { name: "AffiliateWeb", token: true, allowedIps: false, statuses: { paid_out: "approved" } },
      { name: "CasinoNet", token: true, allowedIps: true, statuses: {} },
      { name: "Plain", token: false, allowedIps: false, statuses: {} },
    ],
    macroSyntaxes: [],
  };

  it("finds a typed name as Trax matches it, case-insensitively and trimmed", () => {
    expect(knownNetwork(answer, "  affiliateweb ")?.name).toBe("AffiliateWeb");
    expect(knownNetwork(answer, "Other")).toBeUndefined();
    expect(knownNetwork(answer, "")).toBeUndefined();
    expect(knownNetwork(undefined, "AffiliateWeb")).toBeUndefined();
  });

  it("says how a network is protected and how its status words count", () => {
    expect(protectionText(answer.networks[0]!)).toBe("AffiliateWeb is in Trax's settings: protected by a token; its status words: paid_out → approved.");
    expect(protectionText(answer.networks[1]!)).toBe("CasinoNet is in Trax's settings: protected by a token and an address list.");
    expect(protectionText(answer.networks[2]!)).toBe("Plain is in Trax's settings: not protected.");
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  emptyForwardForm, emptyLinkForm, forwardFieldOf, forwardFormOf, forwardMacros, forwardRequestOf, linkFieldOf, linkFormOf, linkRequestOf,
} from "../src/lib/forms";

const repo = join(import.meta.dirname, "..", "..");

describe("the link form", () => {
  it("sends the fields the API reads, trimmed, without empty optional ones", () => {
    const built = linkRequestOf({ ...emptyLinkForm, id: " summer ", destination: "https://n.example/c?s={clickid}", network: "AffiliateWeb", program: "P", campaign: " ", attributionWindowDays: "30" });
    expect(built.body).toEqual({ id: "summer", destination: "https://n.example/c?s={clickid}", network: "AffiliateWeb", program: "P", enabled: true, attributionWindowDays: 30 });
  });

  it("says so when the window is not a number, which JSON could not carry", () => {
    expect(linkRequestOf({ ...emptyLinkForm, attributionWindowDays: "thirty" }).error?.field).toBe("attributionWindowDays");
  });

  it("shows each refusal next to the field it is about", () => {
    const form = { ...emptyLinkForm, network: "N", program: "" };
    expect(linkFieldOf({ reason: "invalid-link-id", message: "" }, form)).toBe("id");
    expect(linkFieldOf({ reason: "link-exists", message: "" }, form)).toBe("id");
    expect(linkFieldOf({ reason: "missing-placeholder", message: "" }, form)).toBe("destination");
    expect(linkFieldOf({ reason: "missing-field", message: "" }, form)).toBe("program");
    expect(linkFieldOf({ reason: "invalid-field", message: "campaign: too long. network, program and campaign must be …" }, form)).toBe("campaign");
    expect(linkFieldOf({ reason: "invalid-attribution-window", message: "" }, form)).toBe("attributionWindowDays");
    expect(linkFieldOf({ reason: "storage-unavailable", message: "" }, form)).toBeUndefined();
  });

  it("reads a link back into the form", () => {
    expect(linkFormOf({ id: "a", destination: "d", network: "n", program: "p", enabled: false, createdAt: "", updatedAt: "" }))
      .toEqual({ id: "a", destination: "d", network: "n", program: "p", campaign: "", attributionWindowDays: "", enabled: false });
  });
});

describe("the forward form", () => {
  it("sends a GET forward without a body, and filters one value per line", () => {
    const built = forwardRequestOf({ ...emptyForwardForm, url: " https://ads.example/pb?c={sub1} ", body: "left over", types: ["ftd"], networks: "AffiliateWeb\n\n  Other Net \r\n", timeoutSeconds: "5" });
    expect(built.body).toEqual({ url: "https://ads.example/pb?c={sub1}", method: "GET", enabled: true, types: ["ftd"], networks: ["AffiliateWeb", "Other Net"], attribution: ["attributed"], timeoutSeconds: 5 });
  });

  it("sends a POST forward's format and body as written", () => {
    const body = '{"click":"{clickid}"}';
    expect(forwardRequestOf({ ...emptyForwardForm, url: "https://p.example", method: "POST", bodyFormat: "json", body }).body)
      .toMatchObject({ method: "POST", bodyFormat: "json", body });
  });

  it("shows each refusal next to the field it is about, an unknown macro where it was written", () => {
    const form = { ...emptyForwardForm, url: "https://a.example/?c={clickid}", method: "POST", body: "x={subid}" };
    expect(forwardFieldOf({ reason: "unknown-macro", message: "{subid} is not a macro Trax fills. The macros are …" }, form)).toBe("body");
    expect(forwardFieldOf({ reason: "unknown-macro", message: "{subid} is not a macro Trax fills." }, { ...form, url: "https://a.example/?c={subid}" })).toBe("url");
    expect(forwardFieldOf({ reason: "private-destination", message: "" }, form)).toBe("url");
    expect(forwardFieldOf({ reason: "invalid-filter", message: "" }, form)).toBe("filters");
    expect(forwardFieldOf({ reason: "invalid-timeout", message: "" }, form)).toBe("timeoutSeconds");
    expect(forwardFieldOf({ reason: "invalid-method", message: "" }, form)).toBe("method");
    expect(forwardFieldOf({ reason: "concurrent-update", message: "" }, form)).toBeUndefined();
  });

  it("reads a forward back into the form", () => {
    expect(forwardFormOf({ id: "a", url: "u", method: "GET", enabled: true, networks: ["x", "y"], timeoutSeconds: 10, createdAt: "", updatedAt: "" }))
      .toMatchObject({ networks: "x\ny", types: [], timeoutSeconds: "10", bodyFormat: "form", body: "" });
  });

  it("keeps a forward's attribution filter when it is edited and saved, so its orphans are still forwarded", () => {
    const forward = { id: "a", url: "https://p.example", method: "GET", enabled: true, attribution: ["attributed", "unattributed"], timeoutSeconds: 10, createdAt: "", updatedAt: "" };
    expect(forwardRequestOf(forwardFormOf(forward)).body).toMatchObject({ attribution: ["attributed", "unattributed"] });
  });

  it("lists the macros Trax fills, as ForwardMacros.cs does", () => {
    const source = readFileSync(join(repo, "TraxFunctions", "Forwards", "ForwardMacros.cs"), "utf8");
    const list = /All \{ get; \} =\s*\[([\s\S]*?)\];/.exec(source)![1]!;
    expect([...forwardMacros]).toEqual([...list.matchAll(/"([a-z0-9]+)"/g)].map((m) => m[1]));
  });
});

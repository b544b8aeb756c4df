import { describe, expect, it } from "vitest";
import { AdminKeyRequiredError, ApiError, createApiClient, fieldErrorOf, fieldOf, fileNameOf, NetworkError, UnauthorizedError } from "../src/lib/api";
import { memoryKeyStore } from "../src/lib/session";

interface Call { url: string; init: RequestInit }

function fakeFetch(answer: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

describe("the API client", () => {
  it("sends the key as the x-functions-key header and never in the URL", async () => {
    const { fn, calls } = fakeFetch(() => json(200, { items: [] }));
    const api = createApiClient(memoryKeyStore("secret-key"), fn);

    const body = await api.get<{ items: unknown[] }>("/api/postbacks", { date: "2026-11-25", network: "A&B", reason: undefined, hour: "" });

    expect(body).toEqual({ items: [] });
    expect(calls[0]!.url).toBe("/api/postbacks?date=2026-11-25&network=A%26B");
    expect(calls[0]!.url).not.toContain("secret-key");
    expect((calls[0]!.init.headers as Record<string, string>)["x-functions-key"]).toBe("secret-key");
    expect(calls[0]!.init.credentials).toBe("omit");
  });

  it("refuses to call without a key", async () => {
    const { fn, calls } = fakeFetch(() => json(200, {}));
    await expect(createApiClient(memoryKeyStore(), fn).get("/api/postbacks")).rejects.toBeInstanceOf(UnauthorizedError);
    expect(calls).toHaveLength(0);
  });

  it("turns a 401 into an UnauthorizedError", async () => {
    const { fn } = fakeFetch(() => new Response("", { status: 401 }));
    await expect(createApiClient(memoryKeyStore("wrong"), fn).get("/api/postbacks")).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it("turns a refusal into an ApiError with its reason, message and the field its message names", async () => {
    const { fn } = fakeFetch(() => json(400, { status: "rejected", reason: "invalid-parameter", message: "The network parameter must be 1 to 200 characters, without control characters." }));
    const error = await createApiClient(memoryKeyStore("k"), fn).get("/api/postbacks").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ httpStatus: 400, reason: "invalid-parameter", field: "network" });
    expect((error as ApiError).message).toMatch(/^The network parameter/);
  });

  it("names the field of a reason that belongs to one, and the field the body names first", () => {
    expect(fieldOf({ reason: "invalid-outcome", message: "outcome must be one of …" })).toBe("outcome");
    expect(fieldOf({ reason: "invalid-status", message: "status must be one of approved, pending, rejected." })).toBe("status");
    expect(fieldOf({ reason: "invalid-date", message: "The date parameter must be a UTC day" })).toBe("date");
    expect(fieldOf({ reason: "invalid-field", message: "program: too long. network, program and campaign …" })).toBe("program");
    expect(fieldOf({ reason: "x", message: "m", field: "target" })).toBe("target");
    expect(fieldOf({ reason: "unreplaced-macro", message: "The clickid is still the network's placeholder" })).toBe("clickid");
    expect(fieldOf({ reason: "invalid-range", message: "The to day must not be before the from day." })).toBe("to");
    expect(fieldOf({ reason: "missing-parameter", message: "The from parameter is required." })).toBe("from");
    expect(fieldOf({ reason: "storage-unavailable", message: "Storage could not be reached" })).toBeUndefined();
  });

  it("reads Retry-After from a 503", async () => {
    const { fn } = fakeFetch(() => json(503, { status: "error", reason: "storage-unavailable", message: "Storage could not be reached" }, { "Retry-After": "30" }));
    await expect(createApiClient(memoryKeyStore("k"), fn).get("/api/postbacks")).rejects.toMatchObject({ reason: "storage-unavailable", retryAfter: 30, field: undefined });
  });

  it("names an answer that is not Trax's error shape by its status", async () => {
    const { fn } = fakeFetch(() => new Response("<html>oops</html>", { status: 500, headers: { "Content-Type": "text/html" } }));
    await expect(createApiClient(memoryKeyStore("k"), fn).get("/api/x")).rejects.toMatchObject({ httpStatus: 500, reason: "http-500" });
    const { fn: notFound } = fakeFetch(() => new Response("", { status: 404 }));
    await expect(createApiClient(memoryKeyStore("k"), notFound).get("/api/x")).rejects.toMatchObject({ reason: "http-404" });
  });

  it("turns a failed connection into a NetworkError, and lets an abort through as it is", async () => {
    const { fn } = fakeFetch(() => { throw new TypeError("fetch failed"); });
    await expect(createApiClient(memoryKeyStore("k"), fn).get("/api/x")).rejects.toBeInstanceOf(NetworkError);
    const { fn: aborted } = fakeFetch(() => { throw new DOMException("aborted", "AbortError"); });
    await expect(createApiClient(memoryKeyStore("k"), aborted).get("/api/x")).rejects.toMatchObject({ name: "AbortError" });
  });

  it("sends a JSON body with its content type", async () => {
    const { fn, calls } = fakeFetch(() => json(201, { status: "created" }));
    await createApiClient(memoryKeyStore("k"), fn).send("POST", "/api/links", { id: "a" });
    expect(calls[0]!.init.method).toBe("POST");
    expect(calls[0]!.init.body).toBe('{"id":"a"}');
    expect((calls[0]!.init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("reads the report's payout sums as their exact text", async () => {
    const { fn } = fakeFetch(() => new Response('{"totals":[{"currency":"EUR","conversions":1,"payout":1000000000000.10}]}', { status: 200 }));
    const body = await createApiClient(memoryKeyStore("k"), fn).get<{ totals: { payout: string }[] }>("/api/reports/conversions");
    expect(body.totals[0]!.payout).toBe("1000000000000.10");
  });

  it("turns an admin API's 401 or 403 into AdminKeyRequiredError, which does not sign out, and leaves other 401s as they are", async () => {
    for (const status of [401, 403]) {
      const { fn } = fakeFetch(() => new Response("", { status }));
      const error = await createApiClient(memoryKeyStore("k"), fn).get("/api/admin/poison", undefined, { admin: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdminKeyRequiredError);
      expect(error).not.toBeInstanceOf(UnauthorizedError);
      // The poison API is function level (functions.metadata): a host key opens it; the master key is never asked for.
      expect((error as Error).message).toContain("host key");
      expect((error as Error).message).not.toMatch(/master|_master/);
    }
    const { fn } = fakeFetch(() => new Response("", { status: 401 }));
    await expect(createApiClient(memoryKeyStore("k"), fn).get("/api/links")).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it("downloads a file with the key in its header, and its name from Content-Disposition", async () => {
    const { fn, calls } = fakeFetch(() => new Response("day,currency\r\n", {
      status: 200, headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="conversions-2026-11-25-2026-11-25.csv"' },
    }));
    const file = await createApiClient(memoryKeyStore("secret-key"), fn).download("/api/reports/conversions", { from: "2026-11-25", format: "csv" });

    expect(await file.blob.text()).toBe("day,currency\r\n");
    expect(file.fileName).toBe("conversions-2026-11-25-2026-11-25.csv");
    expect(calls[0]!.url).toBe("/api/reports/conversions?from=2026-11-25&format=csv");
    expect((calls[0]!.init.headers as Record<string, string>)["x-functions-key"]).toBe("secret-key");
  });

  it("takes only a plain file name from Content-Disposition", () => {
    expect(fileNameOf("attachment; filename=report.csv")).toBe("report.csv");
    expect(fileNameOf('attachment; filename="../../etc/passwd"')).toBeUndefined();
    expect(fileNameOf(null)).toBeUndefined();
  });
});

describe("a refusal's place on a screen", () => {
  it("is under its field when the form has one, else the screen shows it whole", () => {
    const network = new ApiError(400, "invalid-parameter", "The network parameter must be …", "network");
    const token = new ApiError(400, "invalid-continuation-token", "The continuation token …", "continuationToken");
    expect(fieldErrorOf(network, ["date", "network"])).toBe(network);
    expect(fieldErrorOf(token, ["date", "network"])).toBeUndefined();
    expect(fieldErrorOf(new Error("x"), ["date"])).toBeUndefined();
  });
});

// The one way the console talks to Trax: the key-protected JSON APIs, with the function key in the
// x-functions-key header (never in the URL, so it is in no log, history entry or Referer). Every refusal the APIs
// give has one shape, {status, reason, message}; it becomes an ApiError that names the field it concerns, if any.

import type { KeyStore } from "./session";

/** The body every Trax refusal or failure has (Http/ErrorBody.cs). */
export interface ErrorBody {
  status: string;
  reason: string;
  message: string;
  field?: string;
  line?: number;
}

/** An API answered with a refusal (4xx) or a failure (5xx) in Trax's error shape, or with something else. */
export class ApiError extends Error {
  readonly httpStatus: number;
  readonly reason: string;
  /** The request parameter or body field the refusal is about, when it can be told (see fieldOf). */
  readonly field: string | undefined;
  /** The server asked the caller to retry after this many seconds (503). */
  readonly retryAfter: number | undefined;

  constructor(httpStatus: number, reason: string, message: string, field?: string, retryAfter?: number) {
    super(message);
    this.name = "ApiError";
    this.httpStatus = httpStatus;
    this.reason = reason;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

/** The function key was missing or refused (the host answers 401 before Trax's code runs). */
export class UnauthorizedError extends Error {
  constructor(message = "The function key was refused. Enter the app's host key (or a function key valid for the console's APIs).") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

/** The request did not reach Trax or no answer came back (offline, DNS, connection reset). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("Trax could not be reached. Check the connection and try again.", { cause });
    this.name = "NetworkError";
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiClient {
  get<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T>;
  send<T>(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
}

/**
 * The field a refusal concerns: the body's own `field` when the API gives one, else the parameter its message names
 * ("The network parameter must be …", "network: too long …"), else a reason code that belongs to one field.
 */
export function fieldOf(body: Pick<ErrorBody, "reason" | "message" | "field">): string | undefined {
  if (body.field) return body.field;
  const named = /^The (\w+) parameter\b/.exec(body.message) ?? /^(\w+): /.exec(body.message);
  if (named) return named[1];
  return reasonFields[body.reason];
}

const reasonFields: Record<string, string> = {
  "invalid-date": "date",
  "invalid-outcome": "outcome",
  "invalid-type": "type",
  "invalid-hour": "hour",
  "invalid-limit": "limit",
  "invalid-group-by": "groupBy",
  "invalid-format": "format",
  "invalid-continuation-token": "continuationToken",
  "missing-clickid": "clickid",
  "invalid-clickid": "clickid",
};

export function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.append(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Reads an answer that is not 2xx into the error it stands for. */
export async function errorFrom(response: Response): Promise<Error> {
  if (response.status === 401) return new UnauthorizedError();
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  const retry = Number.isFinite(retryAfter) ? retryAfter : undefined;
  let body: Partial<ErrorBody> | undefined;
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === "object") body = parsed as Partial<ErrorBody>;
  } catch {
    body = undefined;
  }
  if (body && typeof body.reason === "string" && typeof body.message === "string") {
    return new ApiError(response.status, body.reason, body.message,
      fieldOf({ reason: body.reason, message: body.message, ...(typeof body.field === "string" ? { field: body.field } : {}) }), retry);
  }
  // The Functions host answers some requests itself (404 for an unknown route, 500) without Trax's body.
  const message = response.status === 404
    ? "This API was not found on the server: is the function app up to date?"
    : response.status >= 500
      ? "The server failed to answer. Try again in a moment."
      : `The server answered ${response.status} ${response.statusText}.`;
  return new ApiError(response.status, `http-${response.status}`, message, undefined, retry);
}

export function createApiClient(keys: KeyStore, fetchFn: typeof fetch = (...args) => window.fetch(...args)): ApiClient {
  async function request<T>(method: string, url: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    const key = keys.get();
    if (!key) throw new UnauthorizedError("Enter a function key to use the console.");
    const headers: Record<string, string> = { Accept: "application/json", "x-functions-key": key };
    const init: RequestInit = { method, headers, credentials: "omit", cache: "no-store", redirect: "error" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    if (signal) init.signal = signal;
    let response: Response;
    try {
      response = await fetchFn(url, init);
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new NetworkError(e);
    }
    if (!response.ok) throw await errorFrom(response);
    return (await response.json()) as T;
  }

  return {
    get: (path, query, signal) => request("GET", buildUrl(path, query), undefined, signal),
    send: (method, path, body, signal) => request(method, path, body, signal),
  };
}

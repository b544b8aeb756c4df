// The one way the console talks to Trax: the key-protected JSON APIs, with the function key in the
// x-functions-key header (never in the URL, so it is in no log, history entry or Referer). Every refusal the APIs
// give has one shape, {status, reason, message}; it becomes an ApiError that names the field it concerns, if any.

import { parseExactJson } from "./json";
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

/**
 * The key was refused by an API the other screens' key does not open (the poison queue's admin API: 401 or 403, as
 * with a function key of another function). It does not sign the console out: every other screen still works with
 * that key. The API is function level, so a host key opens it: never send an operator for the master key, which
 * also manages every other key and has no place in a browser tab.
 */
export class AdminKeyRequiredError extends Error {
  readonly httpStatus: number;

  constructor(httpStatus: number) {
    super(`This key may not use this admin API (HTTP ${httpStatus}). Sign out and sign in with the function app's host key `
      + "(Azure portal → the function app → App keys → default) to use it; the other screens work with the key you have.");
    this.name = "AdminKeyRequiredError";
    this.httpStatus = httpStatus;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** An admin API: a 401 or 403 means "not with this key" (AdminKeyRequiredError), not "signed out". */
  admin?: boolean;
}

/** A file the API answered (CSV), with the name its Content-Disposition gave. */
export interface Download {
  blob: Blob;
  fileName: string | undefined;
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, QueryValue>, options?: CallOptions): Promise<T>;
  send<T>(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown, options?: CallOptions): Promise<T>;
  /** A file, fetched with the key in its header (a plain link would have to carry the key in its URL). */
  download(path: string, query?: Record<string, QueryValue>, options?: CallOptions): Promise<Download>;
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
  "invalid-status": "status",
  "invalid-hour": "hour",
  "invalid-limit": "limit",
  "invalid-group-by": "groupBy",
  "invalid-format": "format",
  "invalid-continuation-token": "continuationToken",
  "invalid-range": "to",
  "range-too-long": "to",
  "missing-clickid": "clickid",
  "invalid-clickid": "clickid",
  "unreplaced-macro": "clickid",
  "ambiguous-clickid": "clickid",
};

/**
 * A refusal that concerns one of a form's fields, to be shown under it; undefined otherwise, and the screen shows the
 * error as a whole (a refused page token or limit has no field to sit under, and must not vanish).
 */
export function fieldErrorOf(error: unknown, fields: readonly string[]): ApiError | undefined {
  return error instanceof ApiError && error.field !== undefined && fields.includes(error.field) ? error : undefined;
}

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

/** The file name in a Content-Disposition header (`attachment; filename="conversions-….csv"`), if it names one. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const quoted = /filename="([^"]*)"/i.exec(disposition) ?? /filename=([^;]+)/i.exec(disposition);
  const name = quoted?.[1]?.trim();
  // Only a plain file name: no path, nothing a browser would refuse or rename.
  return name && /^[A-Za-z0-9._-]+$/.test(name) ? name : undefined;
}

export function createApiClient(keys: KeyStore, fetchFn: typeof fetch = (...args) => window.fetch(...args)): ApiClient {
  async function request(method: string, url: string, body: unknown, options: CallOptions | undefined, accept: string): Promise<Response> {
    const key = keys.get();
    if (!key) throw new UnauthorizedError("Enter a function key to use the console.");
    const headers: Record<string, string> = { Accept: accept, "x-functions-key": key };
    const init: RequestInit = { method, headers, credentials: "omit", cache: "no-store", redirect: "error" };
    if (typeof body === "string" || body instanceof Blob) {
      // A network's export: its bytes as they are (the server says if they are not UTF-8; decoding them here would
      // replace what is not with U+FFFD and send a changed file).
      headers["Content-Type"] = "text/csv";
      init.body = body;
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    if (options?.signal) init.signal = options.signal;
    let response: Response;
    try {
      response = await fetchFn(url, init);
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new NetworkError(e);
    }
    if (options?.admin && (response.status === 401 || response.status === 403)) throw new AdminKeyRequiredError(response.status);
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function json<T>(method: string, url: string, body: unknown, options: CallOptions | undefined): Promise<T> {
    const response = await request(method, url, body, options, "application/json");
    return parseExactJson(await response.text()) as T;
  }

  return {
    get: (path, query, options) => json("GET", buildUrl(path, query), undefined, options),
    send: (method, path, body, options) => json(method, path, body, options),
    download: async (path, query, options) => {
      const response = await request("GET", buildUrl(path, query), undefined, options, "text/csv, */*");
      return { blob: await response.blob(), fileName: fileNameOf(response.headers.get("Content-Disposition")) };
    },
  };
}

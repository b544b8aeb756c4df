import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { ApiClient } from "./api";
import { reportTimeZone } from "./ranges";

export const ApiContext = createContext<ApiClient | null>(null);

/** The zone the reader picked (the page's ?tz=, UTC when none): every in-app link keeps it. */
export const ZoneContext = createContext<string>(reportTimeZone);

/** The API client of the signed-in console (a 401 from any call signs the console out and asks for the key again). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside the signed-in console");
  return api;
}

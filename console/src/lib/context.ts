import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { ApiClient } from "./api";

export const ApiContext = createContext<ApiClient | null>(null);

/** The API client of the signed-in console (a 401 from any call signs the console out and asks for the key again). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside the signed-in console");
  return api;
}

import { useEffect, useState } from "preact/hooks";
import { UnauthorizedError } from "./api";

export type Loaded<T> = { state: "loading" } | { state: "done"; value: T } | { state: "failed"; error: Error };

/**
 * Runs a read when the screen opens and whenever `deps` change (or `reload` is called), aborting the one before.
 * A refused key is left to the app (it signs out); any other failure is kept for the screen to show.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setLoaded((current) => (current.state === "loading" ? current : { state: "loading" }));
    load(abort.signal)
      .then((value) => {
        if (!abort.signal.aborted) setLoaded({ state: "done", value });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted || error instanceof UnauthorizedError) return;
        setLoaded({ state: "failed", error: error instanceof Error ? error : new Error(String(error)) });
      });
    return () => abort.abort();
  }, [...deps, tick]);
  return [loaded, () => setTick((t) => t + 1)];
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

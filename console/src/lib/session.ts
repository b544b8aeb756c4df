// The function key lives in sessionStorage only: gone when the tab closes, never in a URL, a cookie or
// localStorage (a key in localStorage would outlive the session and be readable by every later page load).

export interface KeyStore {
  get(): string | null;
  set(key: string): void;
  clear(): void;
}

const storageKey = "trax.functionKey";

/**
 * Why a text cannot be a function key, or undefined. A key travels in a header, which carries no character beyond
 * Latin-1 (fetch refuses to send it, so every call would fail as if Trax were unreachable), and a function key is
 * visible ASCII: a character outside it was pasted with the key (a typographic quote, a space, a zero-width space).
 */
export function keyProblem(key: string): string | undefined {
  const bad = [...key].find((c) => c < "!" || c > "~");
  if (bad === undefined) return undefined;
  const code = `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return `The character ${code}${bad > " " ? ` (${bad})` : ""} cannot be part of a function key: check what was pasted with it, and enter the key again.`;
}

export function sessionKeyStore(storage: Storage = window.sessionStorage): KeyStore {
  return {
    get: () => storage.getItem(storageKey),
    set: (key) => storage.setItem(storageKey, key),
    clear: () => storage.removeItem(storageKey),
  };
}

/** A key store in memory, for tests and for a browser that refuses sessionStorage. */
export function memoryKeyStore(initial: string | null = null): KeyStore {
  let key = initial;
  return { get: () => key, set: (k) => { key = k; }, clear: () => { key = null; } };
}

// The function key lives in sessionStorage only: gone when the tab closes, never in a URL, a cookie or
// localStorage (a key in localStorage would outlive the session and be readable by every later page load).

export interface KeyStore {
  get(): string | null;
  set(key: string): void;
  clear(): void;
}

const storageKey = "trax.functionKey";

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

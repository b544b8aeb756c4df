// The state and failure handling the link and forward editors share: the form, its field errors, a failure that
// names no field, busy, and delete. A refusal that names a field shows its message there and puts the focus on it.

import { useState } from "preact/hooks";
import { ApiError, UnauthorizedError } from "./api";
import { useApi } from "./context";
import { hrefKeepingZone, navigate } from "./router";
import { asError } from "./useLoad";

export function useEditor<F extends object, K extends string>(
  initial: F,
  fieldOf: (error: ApiError, form: F) => K | undefined,
  focusIdOf: (field: K) => string,
) {
  const api = useApi();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const [failure, setFailure] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (name: keyof F) => (e: Event) => {
    const target = e.currentTarget as HTMLInputElement;
    setForm({ ...form, [name]: target.type === "checkbox" ? target.checked : target.value });
  };

  const showFieldError = (field: K, message: string) => {
    setErrors({ [field]: message } as Partial<Record<K, string>>);
    setFailure(undefined);
    document.getElementById(focusIdOf(field))?.focus();
  };

  const fail = (error: unknown) => {
    if (error instanceof UnauthorizedError) return;
    const field = error instanceof ApiError ? fieldOf(error, form) : undefined;
    if (field) {
      showFieldError(field, (error as ApiError).message);
    } else {
      setErrors({});
      setFailure(asError(error));
    }
  };

  /** Deletes /api/{list}/{id}, then opens the list saying so; a failure stays on the form. */
  const remove = async (list: "links" | "forwards", id: string) => {
    setBusy(true);
    try {
      await api.send("DELETE", `/api/${list}/${encodeURIComponent(id)}`);
      navigate(hrefKeepingZone(`/${list}`, `?deleted=${encodeURIComponent(id)}`));
    } catch (error) {
      fail(error);
      setBusy(false);
    }
  };

  return { api, form, setForm, errors, setErrors, failure, busy, setBusy, set, showFieldError, fail, remove };
}

import type { ComponentChildren } from "preact";

/**
 * A labelled form control with its error beside it. The control itself is the child; it must carry
 * id={id}, and gets aria-invalid and aria-describedby from fieldAria(id, error).
 */
export function Field({ id, label, error, hint, children }: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      {children}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${id}-error`} role="alert">{error}</p>}
    </div>
  );
}

export function fieldAria(id: string, error: string | undefined, hint = false) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-invalid": error ? ("true" as const) : undefined, "aria-describedby": described || undefined };
}

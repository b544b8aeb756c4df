import { useEffect, useRef, useState } from "preact/hooks";

/**
 * A button for an action that cannot be undone (delete): the first press asks, the second does it. No window.confirm
 * (a modal the keyboard and screen readers handle poorly, and that the browser tests treat as an error).
 */
export function ConfirmButton({ label, confirmLabel, busy, onConfirm }: {
  label: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking) {
    return <button type="button" class="secondary danger" onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <span class="confirm" role="group" aria-label={label}>
      <button type="button" class="danger" ref={confirm} disabled={busy} onClick={onConfirm}>{busy ? "Working…" : confirmLabel}</button>
      <button type="button" class="secondary" onClick={() => setAsking(false)}>Cancel</button>
    </span>
  );
}

import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { BusyButton } from "./BusyButton";

/**
 * A button for an action that cannot be undone (delete): the first press asks, the second does it. No window.confirm
 * (a modal the keyboard and screen readers handle poorly, and that the browser tests treat as an error). Cancel or
 * Escape puts the question away and the focus back on the button that asked it, never on the page's start.
 */
export function ConfirmButton({ label, confirmLabel, busy, onConfirm }: {
  label: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  // Before the next paint, not after it: a Tab pressed right after Enter must already start from the new button.
  useLayoutEffect(() => {
    if (asking) confirm.current?.focus();
    else if (cancelled) ask.current?.focus();
  }, [asking, cancelled]);
  const cancel = () => {
    setCancelled(true);
    setAsking(false);
  };
  if (!asking) {
    return <button type="button" class="secondary danger" ref={ask} onClick={() => { setCancelled(false); setAsking(true); }}>{label}</button>;
  }
  return (
    <span class="confirm" role="group" aria-label={label} onKeyDown={(e) => { if (e.key === "Escape" && !busy) cancel(); }}>
      <BusyButton class="danger" buttonRef={confirm} busy={busy ?? false} onClick={onConfirm}>{busy ? "Working…" : confirmLabel}</BusyButton>
      <button type="button" class="secondary" onClick={cancel}>Cancel</button>
    </span>
  );
}

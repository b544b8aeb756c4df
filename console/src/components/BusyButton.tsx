import type { ComponentChildren, Ref } from "preact";

/**
 * A button that stays focusable while its action runs: `disabled` would drop the focus to the page's start (Chromium
 * blurs a focused button as it is disabled), so after a failure a keyboard reader would start over. It is marked
 * aria-disabled instead, and a press (or Enter in its form) while busy does nothing.
 */
export function BusyButton({ busy, type = "button", class: className, onClick, buttonRef, label, children }: {
  busy: boolean;
  type?: "button" | "submit";
  class?: string;
  onClick?: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
  label?: string;
  children: ComponentChildren;
}) {
  const press = (event: MouseEvent) => {
    if (busy) event.preventDefault();
    else onClick?.();
  };
  return (
    <button type={type} class={className} ref={buttonRef ?? null} aria-disabled={busy ? "true" : undefined} aria-label={label} onClick={press}>
      {children}
    </button>
  );
}

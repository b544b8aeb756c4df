import type { ComponentChildren } from "preact";

/** A term of a description list, left out when it has no value (a postback or a click sends many fields or none). */
export function Term({ name, value, mono = false }: { name: string; value: ComponentChildren; mono?: boolean }) {
  if (value === undefined || value === null || value === "") return null;
  return (
    <>
      <dt>{name}</dt>
      <dd class={mono ? "mono" : undefined}>{value}</dd>
    </>
  );
}

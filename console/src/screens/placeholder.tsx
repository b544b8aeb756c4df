import type { ScreenProps } from "./registry";

/** A screen that is routed and navigable but not built yet (issue 20 lists what each will show). */
export default function Placeholder({ screen }: ScreenProps) {
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <p class="note">This screen is not built yet. Its URL is its own already, so links to it will keep working.</p>
    </section>
  );
}

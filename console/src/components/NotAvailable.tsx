import type { PendingApi } from "../lib/pendingApis";

/** A part of a screen whose API this version of Trax does not have: says so, and names the API it needs. */
export function NotAvailable({ api, title }: { api: PendingApi; title?: string }) {
  return (
    <div class="not-available" role="note">
      {title && <p class="na-title">{title}</p>}
      <p>
        <strong>Not available yet.</strong> This shows {api.purpose} once Trax has <code>{api.route}</code>, which this
        version does not (its proposed shape is in docs/console.md).
      </p>
    </div>
  );
}

import { withZone } from "../lib/ranges";
import { href, navigate, type Place } from "../lib/router";
import { ZonePicker } from "./ZonePicker";

/**
 * The zone a screen's times are in (`?tz=`, UTC unless picked, as on the overview and reports), named, with the
 * picker: picking keeps the rest of the URL (filters, page) and replaces the zone.
 */
export function TimesZone({ id, place, zone }: { id: string; place: Place; zone: string }) {
  return (
    <div class="times-zone">
      <ZonePicker id={id} zone={zone} onPick={(z) => navigate(href(place.path, withZone(place.search, z)))} />
      <p class="hint">Times are in {zone}.</p>
    </div>
  );
}

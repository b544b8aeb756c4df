import { zoneChoices } from "../lib/ranges";

/**
 * Which zone's days a screen shows: UTC, the reader's own zone, or the one its URL names. Picking one navigates
 * (the zone is part of the URL, so a bookmark keeps it).
 */
export function ZonePicker({ id, zone, onPick }: { id: string; zone: string; onPick: (zone: string) => void }) {
  return (
    <div class="field">
      <label for={id}>Time zone</label>
      <select id={id} value={zone} onChange={(e) => onPick(e.currentTarget.value)}>
        {zoneChoices(zone).map((z) => <option key={z} value={z}>{z}</option>)}
      </select>
    </div>
  );
}

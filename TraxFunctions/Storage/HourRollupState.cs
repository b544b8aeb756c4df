namespace Trax.Storage;

/// <summary>
/// What one shard-day partition says about its hours (the conversion rollups' in the PostbackLog table, the clicks'
/// in the Traffic table): each marker's version (its ETag; an hour never written since markers exist has none) and
/// each rollup's source version and packed data (null when it was too big to store, then the hour is read live).
/// </summary>
public sealed class HourRollupState
{
    public Dictionary<int, string> Markers { get; } = [];

    public Dictionary<int, (string Source, string? Data)> Rollups { get; } = [];

    /// <summary>The version of the day marker (<see cref="PostbackLog.HourMarkers.DayRow"/>), null when the shard-day has none.</summary>
    public string? DayMarker { get; set; }

    /// <summary>The version of the shard-day's seal (<see cref="PostbackLog.HourMarkers.SealRow"/>), null when it has none.</summary>
    public string? Seal { get; set; }

    /// <summary>The version a rollup of <paramref name="hour"/> must name to be current ("" when it has no marker).</summary>
    public string VersionOf(int hour) => Markers.GetValueOrDefault(hour, "");

    /// <summary>True when the hour's rollup was computed from its rows as they are now.</summary>
    public bool IsClean(int hour) => Rollups.TryGetValue(hour, out var rollup) && rollup.Source == VersionOf(hour);
}

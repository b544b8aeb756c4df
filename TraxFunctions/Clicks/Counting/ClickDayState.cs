namespace Trax.Clicks;

/// <summary>
/// What one shard-day partition of the Traffic table says about its hours: each marker's version (its ETag) and each
/// rollup's source version and packed data (null when it was too big to store, then the hour is read live).
/// </summary>
public sealed class ClickDayState
{
    public Dictionary<int, string> Markers { get; } = [];

    public Dictionary<int, (string Source, string? Data)> Rollups { get; } = [];

    /// <summary>The version a rollup of <paramref name="hour"/> must name to be current ("" when it has no marker).</summary>
    public string VersionOf(int hour) => Markers.GetValueOrDefault(hour, "");

    /// <summary>True when the hour's rollup was computed from its click rows as they are now.</summary>
    public bool IsClean(int hour) => Rollups.TryGetValue(hour, out var rollup) && rollup.Source == VersionOf(hour);
}

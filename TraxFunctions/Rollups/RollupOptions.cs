namespace Trax.Rollups;

/// <summary>
/// How a report reads the day markers that say whether a day row is current (<see cref="DayLevelReader"/>), under
/// <c>Trax:Reports</c> (<c>Trax__Reports__DayMarkerPointReadsFrom</c>). A tuning setting: both ways read the same
/// markers, so a report's numbers do not depend on it.
/// </summary>
public sealed class RollupOptions
{
    public const string Section = "Trax:Reports";

    /// <summary>
    /// From this many conversions per shard-day (on average over the range's day rows), the markers are read one
    /// point read per shard-day (8 × days requests, one seek each) instead of one query per shard (8 requests, each
    /// of which reads every log and index row of its shard's days on Azure, and the whole table on Azurite). 1,000 by
    /// default; 0 always reads by point. Measured in docs/performance.md#reports-at-scale.
    /// </summary>
    public int DayMarkerPointReadsFrom { get; set; } = 1000;
}

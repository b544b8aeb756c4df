namespace Trax.Rollups;

/// <summary>
/// What a UTC day's row of the second level holds: the day's conversions of all 8 shards summed by quarter-hour
/// (0-95, a <see cref="HourRollup"/> whose quarters run over the whole day) and group, and the digest of the 192
/// (shard, hour) marker versions it was summed under (<see cref="DayRollupSource"/>). <see cref="Data"/> is null when
/// the day was too big to store in one row: then it is read from the hour rollups.
/// </summary>
public sealed record DayRollup(DateOnly Day, string Source, string? Data);

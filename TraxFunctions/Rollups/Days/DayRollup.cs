namespace Trax.Rollups;

/// <summary>
/// What a UTC day's row of the second level holds: the day's conversions of all 8 shards summed by quarter-hour
/// (0-95) and group, in <see cref="DayRowCodec"/>'s binary form, and the digest of the 8 day markers it was summed
/// under (<see cref="DayRollupSource"/>). <see cref="Data"/> is null when the day was too big to store in one row
/// (or the row is of an older format): then it is read from the hour rollups. <see cref="Hours"/> is the digest of the
/// 192 hour-rollup versions it was summed from (<see cref="DayRollupSource.OfHours"/>): only the roller reads it.
/// <see cref="Conversions"/> is how many index rows it sums, stored beside the data so that a reader can choose how to
/// read the day markers before decoding (null on rows written before it).
/// </summary>
public sealed record DayRollup(DateOnly Day, string Source, byte[]? Data, string? Hours = null, long? Conversions = null);

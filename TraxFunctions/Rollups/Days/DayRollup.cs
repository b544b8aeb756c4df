namespace Trax.Rollups;

/// <summary>
/// What a UTC day's row of the second level holds: the day's conversions of all 8 shards summed by quarter-hour
/// (0-95) and group, in <see cref="DayRowCodec"/>'s binary form. <see cref="Data"/> is null when the day was too big to
/// store in one row (or the row is of an older format): then it is read from the hour rollups. <see cref="Conversions"/>
/// is how many index rows it sums (null on rows written before it). <see cref="Sealed"/>: written after its 8
/// shard-days were sealed (<see cref="PostbackLog.HourMarkers.SealRow"/>), so a report may trust it while the day has
/// no change mark (<see cref="PostbackLog.DayChanges"/>); rows of the versions before are not trusted, and rolled again.
/// </summary>
public sealed record DayRollup(DateOnly Day, byte[]? Data, long? Conversions = null, bool Sealed = false);

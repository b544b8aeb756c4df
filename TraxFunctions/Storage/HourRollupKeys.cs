namespace Trax.Storage;

/// <summary>
/// How a table keys the hour markers and hour rollups of its shard-day partitions: the row-key range that holds both
/// (<paramref name="From"/> up to <paramref name="End"/>, no other row), the hour a marker or rollup key names (null
/// for any other key), a rollup's key, and the day marker's and the seal's keys where the table keeps them (the
/// PostbackLog table does, for the day rows).
/// </summary>
public sealed record HourRollupKeys(
    string From,
    string End,
    Func<string, int?> MarkerHour,
    Func<string, int?> RollupHour,
    Func<int, string> RollupRow,
    string? DayRow = null,
    string? SealRow = null);

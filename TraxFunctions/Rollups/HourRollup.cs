using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// One UTC hour of one shard-day, summed by quarter-hour (0-3) and group: derived from the hour's index rows, never
/// incremented. Packed as compact JSON (<see cref="QuarterSums{TGroup, TSum}"/>) so that an hour of any number of
/// conversions is one entity while its groups fit.
/// </summary>
public sealed class HourRollup : QuarterSums<RollupGroup, RollupSum>, IHourRollup<DayIndexEntry>, IHourItems<DayIndexEntry, RollupItem>
{
    public static DateTimeOffset TimeOf(DayIndexEntry row) => row.ReceivedAt;

    public static RollupGroup GroupOf(DayIndexEntry row) =>
        new(row.Type, row.Network, row.Program, row.Campaign, row.Status, row.Attribution, row.Currency);

    public void Add(DayIndexEntry row) => Add(QuarterOf(row.ReceivedAt), GroupOf(row), RollupSum.One(row.Payout));

    public static IEnumerable<RollupItem> ItemsWithin(string data, DateTimeOffset hourStart, DateTimeOffset start, DateTimeOffset end) =>
        Decode(data).Within(hourStart, start, end).Select(e => new RollupItem(e.At, e.Group, e.Sum));

    public static RollupItem ItemOf(DayIndexEntry row) => new(row.ReceivedAt, GroupOf(row), RollupSum.One(row.Payout));

    public static HourRollup Decode(string text)
    {
        var rollup = new HourRollup();
        rollup.AddPacked(text);
        return rollup;
    }
}

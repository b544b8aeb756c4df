using Trax.Clicks;
using Trax.Rollups;

namespace Trax.Traffic;

/// <summary>
/// One UTC hour of one shard-day of clicks, summed by quarter-hour (0-3) and group: derived from the hour's click
/// rows, never incremented. Packed as the conversion rollups are (<see cref="QuarterSums{TGroup, TSum}"/>).
/// </summary>
public sealed class ClickHourRollup : QuarterSums<TrafficGroup, ClickSum>, IHourRollup<CountedClick>, IHourItems<CountedClick, ClickItem>
{
    public void Add(CountedClick click) => Add(QuarterOf(click.ClickedAt), TrafficGroup.Of(click), ClickSum.One(click.Cost));

    public static DateTimeOffset TimeOf(CountedClick click) => click.ClickedAt;

    public static IEnumerable<ClickItem> ItemsWithin(string data, DateTimeOffset hourStart, DateTimeOffset start, DateTimeOffset end) =>
        Decode(data).Within(hourStart, start, end).Select(e => new ClickItem(e.At, e.Group, e.Sum));

    public static ClickItem ItemOf(CountedClick click) => new(click.ClickedAt, TrafficGroup.Of(click), ClickSum.One(click.Cost));

    public static ClickHourRollup Decode(string text)
    {
        var rollup = new ClickHourRollup();
        rollup.AddPacked(text);
        return rollup;
    }
}

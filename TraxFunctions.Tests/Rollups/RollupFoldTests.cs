using CsCheck;
using Trax.Rollups;
using Trax.Zones;

namespace Trax.Tests.Rollups;

/// <summary>
/// A day row summed before it becomes items (<see cref="RollupFold"/>) sums to exactly what its entries sum to when
/// each is an item of its own, per zone day, rate day and group as blanked: in zones whose days a UTC day cuts at
/// :30, :45 and on DST days, over any quarter-hour range of the row, and with fewer items.
/// </summary>
public sealed class RollupFoldTests
{
    private static readonly DateTimeOffset[] Days =
    [
        new(2026, 8, 14, 0, 0, 0, TimeSpan.Zero),
        new(2026, 3, 8, 0, 0, 0, TimeSpan.Zero), // St John's springs forward (a 23-hour day)
        new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), // and falls back (25 hours)
    ];

    private static readonly Gen<RollupGroup> Group = Gen.Select(
        Gen.OneOf("ftd", "reg", "sale"), Gen.OneOf<string?>("net0", "net1", null), Gen.OneOf<string?>("p0", "p1", null), Gen.OneOf<string?>("c0", "c1", "c2"),
        Gen.OneOf<string?>("approved", "pending", "rejected"), Gen.OneOf("attributed", "unattributed"), Gen.OneOf<string?>("EUR", "USD", null),
        (type, network, program, campaign, status, attribution, currency) => new RollupGroup(type, network, program, campaign, status, attribution, currency));

    private static readonly Gen<RollupSum> Sum = Gen.Frequency(
        (8, Gen.Select(Gen.Long[1, 50], Gen.Int[-100_000, 100_000], Gen.Byte[0, 4], (count, units, scale) => new RollupSum(count, units / (decimal)Math.Pow(10, scale), false))),
        (2, Gen.Long[1, 50].Select(count => new RollupSum(count, null, false))),
        (1, Gen.Long[1, 50].Select(count => new RollupSum(count, null, true))));

    private static readonly Gen<DayRow> Row =
        Gen.Select(Group.Array[1, 30], Gen.Int[0, 400], (groups, n) => (groups, n))
            .SelectMany(g => Gen.Select(Gen.Int[0, 95], Gen.Int[0, g.groups.Length - 1], Sum, (q, i, s) => new DayRow.Entry(q, i, s)).Array[g.n, g.n]
                .Select(entries => new DayRow(g.groups, entries)));

    private static readonly Gen<string[]> GroupBy = Gen.Shuffle(new[] { "type", "network", "program", "campaign", "status", "attribution" }, 0, 3);

    [Test]
    public void AddFolded_AnyRowZoneRangeAndGrouping_SumsAsItsEntriesDo() =>
        Gen.Select(Row, Gen.OneOf("UTC", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham"), Gen.Int[0, 2], Gen.Int[0, 96], Gen.Int[0, 96], GroupBy)
            .Sample((row, zoneId, dayIndex, a, b, groupBy) =>
            {
                var (dayStart, zone) = (Days[dayIndex], Zone.Find(zoneId)!);
                var (first, end) = (Math.Min(a, b), Math.Max(a, b));
                var blank = new Trax.Reports.ReportAggregator(["day", .. groupBy]).Blank;
                var one = row.Entries
                    .Where(e => e.Quarter >= first && e.Quarter < end)
                    .Select(e => new RollupItem(dayStart.AddMinutes(15 * e.Quarter), row.Groups[e.Group], e.Sum))
                    .ToList();
                var folded = new List<RollupItem>();

                new RollupFold(zone.DayOf, blank).AddFolded(row, dayStart, first, end, folded);

                Assert.That(Summed(folded, zone, blank), Is.EqualTo(Summed(one, zone, blank)));
                Assert.That(folded, Has.Count.LessThanOrEqualTo(one.Count));
                Assert.That(folded.Select(i => DateOnly.FromDateTime(i.At.UtcDateTime)), Has.All.EqualTo(DateOnly.FromDateTime(dayStart.UtcDateTime)), "the rate day");
            }, iter: 400);

    private static Dictionary<string, (long Count, decimal? Payout, bool Overflow)> Summed(List<RollupItem> items, Zone zone, Func<RollupGroup, RollupGroup> blank) =>
        items.GroupBy(i => $"{zone.DayOf(i.At):yyyy-MM-dd}|{DateOnly.FromDateTime(i.At.UtcDateTime)}|{blank(i.Group)}")
            .ToDictionary(g => g.Key, g =>
            {
                var sum = g.Select(i => i.Sum).Aggregate((x, y) => x.Plus(y));
                return (sum.Count, sum.Payout, sum.Overflow);
            });
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Trax.Reports;
using Trax.Rollups;
using Trax.Zones;

namespace Trax.Tests.Rollups;

/// <summary>
/// A day row summed before it becomes items (<see cref="RollupFold"/>, with the report's own blanking) gives the same
/// report as its entries each made an item of their own, for any grouping: in zones whose days a UTC day cuts at :30
/// and :45, with a day function that cuts a UTC day into three days, over any quarter-hour range, with fewer items.
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

    private static readonly Gen<string[]> GroupBy = Gen.Shuffle(new[] { "type", "network", "program", "campaign", "status", "attribution" }, 0, 6);

    /// <summary>A day function whose days change at two quarters of the UTC day (0-96): up to three days met.</summary>
    private static readonly Gen<(int, int)> Cuts = Gen.Select(Gen.Int[0, 96], Gen.Int[0, 96], (a, b) => (Math.Min(a, b), Math.Max(a, b)));

    [Test]
    public void AddFolded_AnyRowZoneRangeAndGrouping_GivesTheReportItsEntriesGive() =>
        Gen.Select(Row, Gen.OneOf("UTC", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "cuts"), Cuts, Gen.Int[0, 2], Gen.Int[0, 96], Gen.Int[0, 96], GroupBy)
            .Sample((row, zoneId, cuts, dayIndex, a, b, groupBy) =>
            {
                var dayStart = Days[dayIndex];
                var day = DateOnly.FromDateTime(dayStart.UtcDateTime);
                Func<DateTimeOffset, DateOnly> dayOf = zoneId == "cuts"
                    ? at => day.AddDays((at - dayStart).TotalMinutes / 15 < cuts.Item1 ? -1 : (at - dayStart).TotalMinutes / 15 < cuts.Item2 ? 0 : 1)
                    : Zone.Find(zoneId)!.DayOf;
                var (first, end) = (Math.Min(a, b), Math.Max(a, b));
                var request = new ReportRequest(day, day, ["day", .. groupBy], ReportRequest.Json);
                var one = row.Entries
                    .Where(e => e.Quarter >= first && e.Quarter < end)
                    .Select(e => new RollupItem(dayStart.AddMinutes(15 * e.Quarter), row.Groups[e.Group], e.Sum))
                    .ToList();
                var folded = new List<RollupItem>();

                new RollupFold(dayOf, new ReportAggregator(request.GroupBy).Blank).AddFolded(row, dayStart, first, end, folded);

                Assert.That(Report(folded, dayOf, request), Is.EqualTo(Report(one, dayOf, request)));
                Assert.That(folded, Has.Count.LessThanOrEqualTo(one.Count));
                Assert.That(folded.Select(i => DateOnly.FromDateTime(i.At.UtcDateTime)), Has.All.EqualTo(day), "the rate day");
            }, iter: 600);

    /// <summary>The report JSON an aggregator of the request's grouping makes of <paramref name="items"/>.</summary>
    private static string Report(List<RollupItem> items, Func<DateTimeOffset, DateOnly> dayOf, ReportRequest request)
    {
        var aggregator = new ReportAggregator(request.GroupBy);
        foreach (var item in items)
        {
            aggregator.Add(dayOf(item.At).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), item.Group, new Money(item.Sum.Count, item.Sum.Payout, item.Sum.Overflow));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ConversionReport.WriteJson(writer, aggregator.Result(request));
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

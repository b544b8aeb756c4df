using System.Collections.Concurrent;
using Trax.Zones;

namespace Trax.Tests.Zones;

/// <summary>
/// Every zone this host's time zone database knows (the list .NET gives and every zone file, aliases included),
/// every day from 1970 to 2037, checked against the zone's own clock: the 15-minute buckets hold whole zone days.
/// </summary>
public sealed class ZoneScanTests
{
    private static readonly DateOnly First = new(1970, 1, 1);
    private static readonly DateOnly Last = new(2037, 12, 31);

    [Test]
    public void Buckets_EveryZoneDayFrom1970To2037_IsWholeBucketsSince1979()
    {
        var ids = AllZoneIds();
        var misaligned = new ConcurrentDictionary<string, (DateOnly First, DateOnly Last, TimeSpan Offset)>();
        var wrong = new ConcurrentBag<string>();

        Parallel.ForEach(ids, id =>
        {
            var zone = Zone.Find(id);
            var start = zone.StartOf(First);
            for (var day = First; day <= Last; day = day.AddDays(1))
            {
                var end = zone.StartOf(day.AddDays(1));
                var zoneDay = new ZoneDay(day, start, end);
                if (!zoneDay.IsAligned)
                {
                    misaligned.AddOrUpdate(id, (day, day, zone.OffsetAt(start)), (_, seen) => (seen.First, day, seen.Offset));
                }

                if (Check(zone, zoneDay) is { } problem)
                {
                    wrong.Add($"{id} {day:yyyy-MM-dd}: {problem}");
                }

                start = end;
            }
        });

        var found = string.Join("; ", misaligned.OrderBy(m => m.Key).Select(m => $"{m.Key} {m.Value.First:yyyy-MM-dd}..{m.Value.Last:yyyy-MM-dd} at {m.Value.Offset}"));
        TestContext.Out.WriteLine($"{ids.Count} zones, {(Last.DayNumber - First.DayNumber + 1) * ids.Count:N0} zone days; not whole buckets: {found}");
        Assert.That(ids, Has.Count.GreaterThan(400), "the host has a time zone database");
        Assert.That(wrong, Is.Empty, string.Join(Environment.NewLine, wrong.Take(20)));

        // Liberia kept −0:44:30 (−0:44 in .NET) until 1972-01-07, Kiritimati −10:40 until 1979-10-01: the only two
        // offsets off the quarter hour since 1970.
        Assert.That(misaligned.Keys, Is.SubsetOf(new[] { "Africa/Monrovia", "Pacific/Kiritimati" }), found);
        Assert.That(misaligned.Values.Select(m => m.Last), Has.All.LessThanOrEqualTo(new DateOnly(1979, 10, 1)), found);
    }

    /// <summary>
    /// The day as the zone's clock sees it: it starts at its local midnight, or where the clocks jumped over it (Vostok
    /// jumped 7 hours), the second before is still the day before, and it lasts between 17 and 31 hours, or not at all when the
    /// zone skipped it (Samoa on 2011-12-30, Kiribati on 1994-12-31, Kwajalein on 1993-08-21).
    /// </summary>
    private static string? Check(Zone zone, ZoneDay day)
    {
        var midnight = day.Date.ToDateTime(TimeOnly.MinValue);
        if (day.Length < TimeSpan.Zero)
        {
            return $"ends before it starts ({day.Length})";
        }

        if (day.Length == TimeSpan.Zero)
        {
            var after = zone.Local(day.Start).DateTime;
            return after.Date > midnight ? null : $"empty, but the clocks show {after:O} at its start";
        }

        var start = zone.Local(day.Start).DateTime;
        var before = zone.Local(day.Start.AddSeconds(-1)).DateTime;
        var jumped = zone.OffsetAt(day.Start) != zone.OffsetAt(day.Start.AddSeconds(-1));
        if (start.Date != midnight || before >= midnight || (start.TimeOfDay != TimeSpan.Zero && !jumped))
        {
            return $"starts at local {start:O}, the second before is {before:O}";
        }

        return day.Length >= TimeSpan.FromHours(17) && day.Length <= TimeSpan.FromHours(31) ? null : $"lasts {day.Length}";
    }

    /// <summary>The zones .NET lists, and every file of the zone directory that is a zone (aliases such as US/Eastern).</summary>
    internal static List<string> AllZoneIds()
    {
        var ids = TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).ToHashSet();
        const string root = "/usr/share/zoneinfo";
        if (Directory.Exists(root))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                if (Zone.TryFind(Path.GetRelativePath(root, file), out var zone))
                {
                    ids.Add(zone.Id);
                }
            }
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}

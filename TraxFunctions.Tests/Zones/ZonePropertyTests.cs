using CsCheck;
using Trax.Zones;

namespace Trax.Tests.Zones;

/// <summary>
/// Random zones (all of them, aliases included), instants and ranges over every day a report may name (1601–9999):
/// the day math agrees with itself and with the zone's clock, whatever the zone's history.
/// </summary>
public sealed class ZonePropertyTests
{
    private static readonly Zone[] AllZones = [.. ZoneScanTests.AllZoneIds().Select(Zone.Find)];

    private static readonly Gen<Zone> AnyZone = Gen.Int[0, AllZones.Length - 1].Select(i => AllZones[i]);

    private static readonly Gen<DateOnly> AnyDay = Gen.Int[Zone.FirstDay.DayNumber, Zone.LastDay.DayNumber].Select(DateOnly.FromDayNumber);

    /// <summary>Mostly the years that matter (1970–2040), where the rules change most, sometimes any storable day.</summary>
    private static readonly Gen<DateOnly> Day = Gen.Frequency(
        (4, Gen.Int[new DateOnly(1970, 1, 1).DayNumber, new DateOnly(2040, 12, 31).DayNumber].Select(DateOnly.FromDayNumber)),
        (1, AnyDay));

    private static readonly Gen<DateTimeOffset> Instant =
        Gen.Select(Day, Gen.Long[0, TimeSpan.TicksPerDay - 1], (day, ticks) => new DateTimeOffset(day.DayNumber * TimeSpan.TicksPerDay + ticks, TimeSpan.Zero));

    [Test]
    public void DayOf_AnyInstant_IsTheDayWhoseIntervalHoldsIt()
    {
        Gen.Select(AnyZone, Instant).Where((_, t) => t >= Zone.Utc.StartOf(Zone.FirstDay.AddDays(1)) && t < Zone.Utc.StartOf(Zone.LastDay))
            .Sample((zone, instant) =>
            {
                var day = zone.Day(zone.DayOf(instant));
                return day.Contains(instant);
            }, iter: 20_000, print: t => $"{t.Item1.Id} {t.Item2:O}");
    }

    [Test]
    public void DayOf_InstantAwayFromAnyOffsetChange_IsTheLocalDate()
    {
        Gen.Select(AnyZone, Instant).Where((_, t) => t >= Zone.Utc.StartOf(Zone.FirstDay.AddDays(2)) && t < Zone.Utc.StartOf(Zone.LastDay.AddDays(-1)))
            .Sample((zone, instant) =>
            {
                var offset = zone.OffsetAt(instant);
                var steady = zone.OffsetAt(instant.AddDays(-1)) == offset && zone.OffsetAt(instant.AddDays(1)) == offset;
                return !steady || zone.DayOf(instant) == DateOnly.FromDateTime(instant.ToOffset(offset).DateTime);
            }, iter: 20_000, print: t => $"{t.Item1.Id} {t.Item2:O}");
    }

    [Test]
    public void Day_AnyDay_EndsWhereTheNextStartsAndAlignedDaysAreWholeBuckets()
    {
        Gen.Select(AnyZone, Day).Where((_, d) => d < Zone.LastDay)
            .Sample((zone, date) =>
            {
                var day = zone.Day(date);
                var next = zone.Day(date.AddDays(1));
                var whole = !day.IsAligned || day.Buckets.Count * Buckets.Size == day.Length;
                var inside = day.Buckets.IsEmpty || (day.Buckets.Start >= day.Start && day.Buckets.EndInstant <= day.End);
                return day.End == next.Start && day.Start <= day.End && whole && inside;
            }, iter: 20_000, print: t => $"{t.Item1.Id} {t.Item2:yyyy-MM-dd}");
    }

    [Test]
    public void Range_AnyRange_IsItsDaysBackToBackAndTheirBuckets()
    {
        Gen.Select(AnyZone, Day, Gen.Int[1, ZoneDayRange.MaxDays]).Where((_, d, n) => d.DayNumber + n - 1 <= Zone.LastDay.DayNumber)
            .Sample((zone, from, count) =>
            {
                var range = zone.Days(from, from.AddDays(count - 1));
                var days = range.EachDay().ToList();
                var backToBack = days.Zip(days.Skip(1)).All(p => p.First.End == p.Second.Start);
                var total = days.Aggregate(TimeSpan.Zero, (sum, d) => sum + d.Length);
                var buckets = days.All(d => d.IsAligned) ? days.Sum(d => d.Buckets.Count) == range.Buckets.Count : range.Buckets.Count <= days.Sum(d => d.Buckets.Count) + count;
                return days.Count == count && days[0].Start == range.Start && days[^1].End == range.End && backToBack
                    && total == range.End - range.Start && buckets;
            }, iter: 300, print: t => $"{t.Item1.Id} {t.Item2:yyyy-MM-dd} +{t.Item3}");
    }
}

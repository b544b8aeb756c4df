using System.Globalization;
using Trax.Zones;

namespace Trax.Tests.Zones;

/// <summary>Zone ids, and the days of zones with DST, :30 and :45 offsets, midnight changes and skipped days.</summary>
public sealed class ZoneTests
{
    [TestCase("UTC")]
    [TestCase("Etc/UTC")]
    [TestCase("Europe/Paris")]
    [TestCase("America/St_Johns")]
    [TestCase("Asia/Kathmandu")]
    [TestCase("Australia/Lord_Howe")]
    [TestCase("America/Argentina/Buenos_Aires")]
    [TestCase("Etc/GMT+5")]
    [TestCase("America/Port-au-Prince")]
    [TestCase("US/Eastern")]
    [TestCase("Asia/Calcutta")]
    public void TryFind_IanaId_FindsTheZoneByThatName(string id)
    {
        Assert.That(Zone.TryFind(id, out var zone), Is.True);
        Assert.That(zone!.Id, Is.EqualTo(id));
    }

    [TestCase("Romance Standard Time")]
    [TestCase("Eastern Standard Time")]
    [TestCase("UTC-02")]
    [TestCase("Europe/Atlantis")]
    [TestCase("Paris")]
    [TestCase("")]
    [TestCase(" Europe/Paris")]
    [TestCase("Europe/Paris ")]
    [TestCase("Europe//Paris")]
    [TestCase("/Europe/Paris")]
    [TestCase("../../etc/passwd")]
    [TestCase("Europe/../Europe/Paris")]
    [TestCase("zone.tab")]
    [TestCase("tzdata.zi")]
    [TestCase("posix/Europe/Paris")]
    [TestCase("right/UTC")]
    [TestCase("posixrules")]
    [TestCase("localtime")]
    [TestCase("Factory")]
    [TestCase("+01:00")]
    [TestCase("Europe/Paris\n")]
    [TestCase("Europe\\Paris")]
    public void TryFind_NotAnIanaZone_IsRefused(string id)
    {
        Assert.That(Zone.TryFind(id, out var zone), Is.False);
        Assert.That(zone, Is.Null);
    }

    [TestCase("Europe/Paris", "europe/paris")]
    [TestCase("America/St_Johns", "AMERICA/ST_JOHNS")]
    [TestCase("Asia/Kathmandu", "asia/Kathmandu")]
    [TestCase("UTC", "utc")]
    public void TryFind_OtherCasingOfAZone_IsRefusedAlsoOnceTheZoneWasFound(string id, string otherCasing)
    {
        // .NET caches the zones it has read under a case-insensitive key: without a check, "europe/paris" was refused
        // on a fresh host (tzdata's files are case-sensitive) and accepted once any request had named Europe/Paris.
        Assert.That(Zone.TryFind(id, out _), Is.True);

        Assert.That(Zone.TryFind(otherCasing, out var zone), Is.False);
        Assert.That(zone, Is.Null);
    }

    [Test]
    public void TryFind_NullOrTooLong_IsRefused()
    {
        Assert.That(Zone.TryFind(null, out _), Is.False);
        Assert.That(Zone.TryFind("America/" + new string('A', Zone.MaxIdLength), out _), Is.False);
    }

    [Test]
    public void TryFind_Utc_IsTheOneUtc()
    {
        Assert.That(Zone.TryFind("UTC", out var zone), Is.True);
        Assert.That(zone, Is.SameAs(Zone.Utc));
    }

    // zone, day, start (UTC), end (UTC), length in hours
    [TestCase("UTC", "2026-11-25", "2026-11-25T00:00Z", "2026-11-26T00:00Z", 24)]
    [TestCase("Europe/Paris", "2026-11-25", "2026-11-24T23:00Z", "2026-11-25T23:00Z", 24)]
    [TestCase("Europe/Paris", "2026-03-29", "2026-03-28T23:00Z", "2026-03-29T22:00Z", 23)]
    [TestCase("Europe/Paris", "2026-10-25", "2026-10-24T22:00Z", "2026-10-25T23:00Z", 25)]
    [TestCase("America/St_Johns", "2026-11-25", "2026-11-25T03:30Z", "2026-11-26T03:30Z", 24)]
    [TestCase("America/St_Johns", "2026-03-08", "2026-03-08T03:30Z", "2026-03-09T02:30Z", 23)]
    [TestCase("America/St_Johns", "2026-11-01", "2026-11-01T02:30Z", "2026-11-02T03:30Z", 25)]
    [TestCase("Asia/Kathmandu", "2026-11-25", "2026-11-24T18:15Z", "2026-11-25T18:15Z", 24)]
    [TestCase("Asia/Kolkata", "2026-11-25", "2026-11-24T18:30Z", "2026-11-25T18:30Z", 24)]
    [TestCase("Pacific/Chatham", "2026-11-25", "2026-11-24T10:15Z", "2026-11-25T10:15Z", 24)]
    [TestCase("Australia/Lord_Howe", "2026-04-05", "2026-04-04T13:00Z", "2026-04-05T13:30Z", 24.5)]
    [TestCase("Australia/Lord_Howe", "2026-10-04", "2026-10-03T13:30Z", "2026-10-04T13:00Z", 23.5)]
    [TestCase("America/Santiago", "2026-04-04", "2026-04-04T03:00Z", "2026-04-05T04:00Z", 25)]
    [TestCase("America/Santiago", "2026-09-06", "2026-09-06T04:00Z", "2026-09-07T03:00Z", 23)]
    [TestCase("America/Havana", "2026-03-08", "2026-03-08T05:00Z", "2026-03-09T04:00Z", 23)]
    [TestCase("America/Havana", "2026-11-01", "2026-11-01T04:00Z", "2026-11-02T05:00Z", 25)]
    [TestCase("Pacific/Apia", "2011-12-29", "2011-12-29T10:00Z", "2011-12-30T10:00Z", 24)]
    [TestCase("Pacific/Apia", "2011-12-30", "2011-12-30T10:00Z", "2011-12-30T10:00Z", 0)]
    [TestCase("Pacific/Apia", "2011-12-31", "2011-12-30T10:00Z", "2011-12-31T10:00Z", 24)]
    public void Day_OfAZone_StartsAndEndsAtItsMidnightsInUtc(string id, string date, string start, string end, double hours)
    {
        var day = Zone.Find(id).Day(Date(date));

        Assert.That(day.Start, Is.EqualTo(Instant(start)));
        Assert.That(day.End, Is.EqualTo(Instant(end)));
        Assert.That(day.Length, Is.EqualTo(TimeSpan.FromHours(hours)));
        Assert.That(day.IsAligned, Is.True);
        Assert.That(day.Buckets.Count, Is.EqualTo((int)(hours * 4)), "15-minute buckets");
        Assert.That(day.Buckets.Start, Is.EqualTo(day.Start));
        Assert.That(day.Buckets.EndInstant, Is.EqualTo(day.End));
    }

    // zone, instant (UTC), its zone day
    [TestCase("UTC", "2026-11-25T23:59:59.9999999Z", "2026-11-25")]
    [TestCase("America/St_Johns", "2026-11-25T03:29:59Z", "2026-11-24")]
    [TestCase("America/St_Johns", "2026-11-25T03:30:00Z", "2026-11-25")]
    [TestCase("America/St_Johns", "2026-11-01T03:30:00Z", "2026-11-01")]
    [TestCase("Asia/Kathmandu", "2026-11-24T18:14:59Z", "2026-11-24")]
    [TestCase("Asia/Kathmandu", "2026-11-24T18:15:00Z", "2026-11-25")]
    [TestCase("Australia/Lord_Howe", "2026-04-05T13:29:59Z", "2026-04-05")]
    [TestCase("America/Santiago", "2026-04-05T03:30:00Z", "2026-04-04")]
    [TestCase("America/Santiago", "2026-04-05T04:00:00Z", "2026-04-05")]
    [TestCase("Pacific/Apia", "2011-12-30T10:00:00Z", "2011-12-31")]
    public void DayOf_Instant_IsTheZoneDayHoldingIt(string id, string instant, string date)
    {
        var zone = Zone.Find(id);

        var day = zone.DayOf(Instant(instant));

        Assert.That(day, Is.EqualTo(Date(date)));
        Assert.That(zone.Day(day).Contains(Instant(instant)), Is.True);
    }

    [Test]
    public void Local_Instant_ShowsTheZonesOffsetThen()
    {
        var zone = Zone.Find("America/St_Johns");

        Assert.That(zone.Local(Instant("2026-07-01T12:00Z")).Offset, Is.EqualTo(new TimeSpan(-2, -30, 0)));
        Assert.That(zone.Local(Instant("2026-12-01T12:00Z")).Offset, Is.EqualTo(new TimeSpan(-3, -30, 0)));
        Assert.That(zone.Local(Instant("2026-12-01T12:00Z")).ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture), Is.EqualTo("2026-12-01T08:30-03:30"));
    }

    [Test]
    public void Days_Range_IsItsDaysBackToBackInOneInterval()
    {
        var range = Zone.Find("America/St_Johns").Days(Date("2026-10-30"), Date("2026-11-02"));
        var days = range.EachDay().ToList();

        Assert.That(range.Days, Is.EqualTo(4));
        Assert.That(days.Select(d => d.Date), Is.EqualTo(new[] { Date("2026-10-30"), Date("2026-10-31"), Date("2026-11-01"), Date("2026-11-02") }));
        Assert.That(days.Select(d => d.Length.TotalHours), Is.EqualTo(new[] { 24.0, 24, 25, 24 }));
        Assert.That(days[0].Start, Is.EqualTo(range.Start));
        Assert.That(days[^1].End, Is.EqualTo(range.End));
        Assert.That(days.Zip(days.Skip(1)).All(p => p.First.End == p.Second.Start), Is.True);
        Assert.That(range.Buckets.Count, Is.EqualTo(97 * 4));
        Assert.That(range.Buckets.Starts().First(), Is.EqualTo(Instant("2026-10-30T02:30Z")));
    }

    [Test]
    public void Days_BackwardsOrOutsideTheStorableDays_Throws()
    {
        var zone = Zone.Find("Europe/Paris");

        Assert.Throws<ArgumentOutOfRangeException>(() => zone.Days(Date("2026-11-02"), Date("2026-11-01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => zone.Days(Date("1600-12-31"), Date("1601-01-01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => zone.Days(Date("9999-12-30"), DateOnly.MaxValue));
    }

    [TestCase("Pacific/Kiritimati")]
    [TestCase("Etc/GMT+12")]
    [TestCase("America/St_Johns")]
    public void Days_AtTheEndsOfTheStorableDays_AreComputed(string id)
    {
        var zone = Zone.Find(id);

        var first = zone.Days(Zone.FirstDay, Zone.FirstDay);
        var last = zone.Days(Zone.LastDay, Zone.LastDay);

        Assert.That(first.End - first.Start, Is.EqualTo(TimeSpan.FromHours(24)));
        Assert.That(last.End - last.Start, Is.EqualTo(TimeSpan.FromHours(24)));
        Assert.That(zone.DayOf(last.End.AddTicks(-1)), Is.EqualTo(Zone.LastDay));
    }

    [Test]
    public void Day_BeforeLiberiaMovedToGmt_IsNotWholeBucketsButKnowsItsWholeBucketsInside()
    {
        // Liberia kept −0:44 (−0:44:30 in the IANA data) until 1972-01-07: midnight fell 44 minutes past a quarter.
        var day = Zone.Find("Africa/Monrovia").Day(Date("1971-06-01"));

        Assert.That(day.IsAligned, Is.False);
        Assert.That(day.Start, Is.EqualTo(Instant("1971-06-01T00:44Z")));
        Assert.That(day.Buckets.Start, Is.EqualTo(Instant("1971-06-01T00:45Z")), "the first whole bucket inside");
        Assert.That(day.Buckets.EndInstant, Is.EqualTo(Instant("1971-06-02T00:30Z")), "the last whole bucket inside ends here");
        Assert.That(day.Buckets.Count, Is.EqualTo(95));
    }

    [Test]
    public void Buckets_Instants_MapToQuarterHoursSinceYearOne()
    {
        var instant = Instant("2026-11-25T10:37:12Z");

        var bucket = Buckets.IndexOf(instant);

        Assert.That(Buckets.StartOf(bucket), Is.EqualTo(Instant("2026-11-25T10:30Z")));
        Assert.That(Buckets.StartOf(bucket + 1), Is.EqualTo(Instant("2026-11-25T10:45Z")));
        Assert.That(Buckets.FirstAtOrAfter(instant), Is.EqualTo(bucket + 1));
        Assert.That(Buckets.FirstAtOrAfter(Instant("2026-11-25T10:30Z")), Is.EqualTo(bucket));
        Assert.That(Buckets.IsBoundary(Instant("2026-11-25T10:30Z")), Is.True);
        Assert.That(Buckets.IsBoundary(instant), Is.False);
        Assert.That(Buckets.IndexOf(Instant("2026-11-25T12:37:12+02:00")), Is.EqualTo(bucket), "an instant, whatever its offset");
        Assert.That(new BucketSpan(bucket, bucket).IsEmpty, Is.True);
        Assert.That(new BucketSpan(bucket, bucket + 2).Indexes(), Is.EqualTo(new[] { bucket, bucket + 1 }));
    }

    internal static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

namespace Trax.Zones;

/// <summary>
/// The days <see cref="From"/> to <see cref="To"/> (both included) of a zone: one UTC interval [<see cref="Start"/>,
/// <see cref="End"/>), cut into its days by <see cref="EachDay"/>.
/// </summary>
public sealed class ZoneDayRange
{
    /// <summary>The most days one range may hold: a year and a bit, so a year compares with the one before.</summary>
    public const int MaxDays = 400;

    public ZoneDayRange(Zone zone, DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The last day is before the first.");
        }

        if (from < Zone.FirstDay || to > Zone.LastDay)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"Days from {Zone.FirstDay:yyyy-MM-dd} to {Zone.LastDay:yyyy-MM-dd}.");
        }

        Zone = zone;
        From = from;
        To = to;
        Start = zone.StartOf(from);
        End = zone.StartOf(to.AddDays(1));
    }

    public Zone Zone { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The whole buckets inside the range: all of it when every day is aligned.</summary>
    public BucketSpan Buckets => new ZoneDay(From, Start, End).Buckets;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>
    /// The first and last UTC day that [<paramref name="start"/>, <paramref name="end"/>) touches (the partitions a zone
    /// day's or hour's rows are in); an empty interval, a day the zone skipped, is <paramref name="start"/>'s day.
    /// </summary>
    public static (DateOnly First, DateOnly Last) UtcDaysOf(DateTimeOffset start, DateTimeOffset end) =>
        (DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime((end > start ? end.AddTicks(-1) : start).UtcDateTime));

    /// <summary>
    /// The name of a report's CSV download of these days: <c>{prefix}-{from}-{to}.csv</c>, with the zone after the days
    /// unless it is UTC, since the file, unlike the JSON, does not say which zone's days it holds. Letters, digits,
    /// <c>.</c>, <c>_</c> and <c>-</c> only, what the console saves a name with (<c>/</c> as <c>-</c>, <c>+</c> as <c>plus</c>).
    /// </summary>
    public string CsvFileName(string prefix) =>
        $"{prefix}-{Name(From)}-{Name(To)}{(Zone.Id == Zone.Utc.Id ? "" : "-" + Zone.Id.Replace("/", "-", StringComparison.Ordinal).Replace("+", "plus", StringComparison.Ordinal))}.csv";

    private static string Name(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Each day in order, each starting where the one before ended.</summary>
    public IEnumerable<ZoneDay> EachDay()
    {
        var start = Start;
        for (var day = From; day <= To; day = day.AddDays(1))
        {
            var end = day == To ? End : Zone.StartOf(day.AddDays(1));
            yield return new ZoneDay(day, start, end);
            start = end;
        }
    }
}

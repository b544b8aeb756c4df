using Trax.Zones;

namespace Trax.Reports;

/// <summary>
/// The zone day an item counts on, as a report names it (<see cref="ReportJson.Day"/>). Every instant of a 15-minute
/// bucket is in the same zone day (<see cref="Buckets"/>): one zone lookup per bucket, however many items fall in it.
/// </summary>
public sealed class ZoneDayNames(Zone zone)
{
    private readonly Dictionary<long, string> days = [];

    public string Of(DateTimeOffset at)
    {
        var bucket = Buckets.IndexOf(at);
        if (!days.TryGetValue(bucket, out var day))
        {
            days[bucket] = day = ReportJson.Day(zone.DayOf(at));
        }

        return day;
    }
}

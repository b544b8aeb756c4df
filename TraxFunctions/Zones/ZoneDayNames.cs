using System.Globalization;

namespace Trax.Zones;

/// <summary>
/// The zone day an instant falls in, named as the reports name days (<c>yyyy-MM-dd</c>). Every instant of a 15-minute
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
            days[bucket] = day = zone.DayOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return day;
    }
}

using System.Globalization;

namespace Trax.Tests.Integration;

/// <summary>
/// The two ways a report reads the day markers (<c>Trax:Reports:DayMarkerPointReadsFrom</c>): one query per shard, or
/// one point read per shard-day. The day-level fixtures run under both, since both must give the same exact report.
/// </summary>
public static class DayMarkerReads
{
    public static Dictionary<string, string?> Settings(bool pointReads) => new()
    {
        ["Trax:Reports:DayMarkerPointReadsFrom"] = pointReads ? "0" : int.MaxValue.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The PostbackLog requests of a report whose <paramref name="days"/> UTC days are all read from their rows.</summary>
    public static int Requests(bool pointReads, int days) => 1 + (8 * (pointReads ? days : 1));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// The version of a whole UTC day: a SHA-256 of its 8 shard-days' day markers (<see cref="HourMarkers.DayRow"/>), in
/// shard order, a shard-day without one (nothing written since day markers exist) as "absent". Every change of an
/// index row touches its shard-day's day marker in the same transaction (new ETag, or creates it), so the digest
/// changes with any change of the day's rows: a day row that names the digest of the markers as they are now is exact.
/// A row made under the previous digest (of the 192 hour markers) never names this one: it reads as stale.
/// </summary>
public static class DayRollupSource
{
    private const string Absent = "absent";

    /// <param name="dayMarkers">The ETag of each shard's day marker, by shard; a shard missing has none.</param>
    public static string Of(IReadOnlyDictionary<int, string> dayMarkers)
    {
        var text = new StringBuilder("day-markers\n");
        for (var shard = 0; shard < PostbackLogKeys.LogShards; shard++)
        {
            text.Append(shard.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(dayMarkers.GetValueOrDefault(shard, Absent)).Append('\n');
        }

        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The digest of the hour-rollup versions a day row was summed from (its 8 shard-days' 24 hours, in order). A day
    /// marker can stay put while an hour moves (a writer and a roller of the previous version, neither of which touches
    /// it): the roller then sees this digest differ and sums the day again.
    /// </summary>
    public static string OfHours(IEnumerable<string> hourVersions) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("hour-rollups\n" + string.Join('\n', hourVersions))));
}

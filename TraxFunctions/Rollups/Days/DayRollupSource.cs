using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Trax.Rollups;

/// <summary>
/// The version of a whole UTC day: a SHA-256 of every (shard, hour, marker ETag) of its 8 shard-day partitions, in
/// order. Every change of an index row rewrites its hour's marker (new ETag) or creates it, so the digest changes
/// with any change of the day's rows: a day row that names the digest of the markers as they are now is exact.
/// </summary>
public static class DayRollupSource
{
    public static string Of(IEnumerable<(int Shard, int Hour, string ETag)> markers)
    {
        var text = new StringBuilder();
        foreach (var (shard, hour, etag) in markers.OrderBy(m => m.Shard).ThenBy(m => m.Hour))
        {
            text.Append(shard.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(hour.ToString("D2", CultureInfo.InvariantCulture)).Append('|').Append(etag).Append('\n');
        }

        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

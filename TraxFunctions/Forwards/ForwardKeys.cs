using System.Globalization;

using Trax.Storage;

namespace Trax.Forwards;

/// <summary>
/// Keys of the forwarding tables: a forward per partition (<c>Forwards</c>); a job per partition
/// (<c>ForwardJobs</c>, the claim that keeps two copies of a job from both sending); and the delivery log
/// (<c>ForwardDeliveries</c>), one partition per forward and UTC day, newest first.
/// </summary>
public static class ForwardKeys
{
    public const string ForwardRow = "forward";

    public const string ForwardJobRow = "job";

    /// <summary>Every delivery row key is below this (they start with digits).</summary>
    public const string DeliveryRowsEnd = ":";

    public static string ForwardPartition(string forwardId) => Keys.Encode(forwardId);

    public static string ForwardJobPartition(string jobId) => Keys.Encode(jobId);

    public static string DeliveryPartition(string forwardId, DateOnly day) =>
        string.Concat(Keys.Encode(forwardId), "-", day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    /// <summary>The row keys of the deliveries made in [<paramref name="start"/>, <paramref name="end"/>): from included, to excluded.</summary>
    public static (string From, string To) DeliveryRowRange(DateTimeOffset start, DateTimeOffset end) =>
        ((Keys.InvertedTicks(end) + 1).ToString("D19", CultureInfo.InvariantCulture),
         (Keys.InvertedTicks(start) + 1).ToString("D19", CultureInfo.InvariantCulture));

    /// <summary>Newest first; within one instant, a job's later attempt before its earlier one.</summary>
    public static string DeliveryRow(DateTimeOffset at, string jobId, int attempt) =>
        Keys.Bounded(string.Concat(
            Keys.InvertedTicks(at).ToString("D19", CultureInfo.InvariantCulture), "-", Keys.Encode(jobId), "-",
            (999 - Math.Clamp(attempt, 0, 999)).ToString("D3", CultureInfo.InvariantCulture)));
}

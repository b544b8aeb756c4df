using System.Globalization;

namespace Trax.Storage;

/// <summary>
/// Keys of the forwarding tables: a forward per partition (<c>Forwards</c>); a job per partition
/// (<c>ForwardJobs</c>, the claim that keeps two copies of a job from both sending); and the delivery log
/// (<c>ForwardDeliveries</c>), one partition per forward and UTC day, newest first.
/// </summary>
public static partial class Keys
{
    public const string ForwardRow = "forward";

    public const string ForwardJobRow = "job";

    /// <summary>Every delivery row key is below this (they start with digits).</summary>
    public const string DeliveryRowsEnd = ":";

    public static string ForwardPartition(string forwardId) => Encode(forwardId);

    public static string ForwardJobPartition(string jobId) => Encode(jobId);

    public static string DeliveryPartition(string forwardId, DateOnly day) =>
        string.Concat(Encode(forwardId), "-", day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    /// <summary>Newest first; within one instant, a job's later attempt before its earlier one.</summary>
    public static string DeliveryRow(DateTimeOffset at, string jobId, int attempt) =>
        Bounded(string.Concat(
            InvertedTicks(at).ToString("D19", CultureInfo.InvariantCulture), "-", Encode(jobId), "-",
            (999 - Math.Clamp(attempt, 0, 999)).ToString("D3", CultureInfo.InvariantCulture)));

    /// <summary>
    /// A conversion's id, for the <c>{conversionid}</c> macro and replays: its click's partition and its row key,
    /// joined by <c>/</c> (which neither holds). Stable, unique, and read back by <see cref="ParseConversionId"/>.
    /// </summary>
    public static string ConversionId(string clickId, string conversionKey) => string.Concat(ClickPartition(clickId), "/", conversionKey);

    /// <summary>The click id and conversion key of a conversion id; null when it is not one.</summary>
    public static (string ClickId, string Key)? ParseConversionId(string? id)
    {
        var slash = id?.IndexOf('/') ?? -1;
        if (id is null || slash <= 0 || slash == id.Length - 1 || id.Length > 2 * MaxLength + 1 || id.IndexOf('/', slash + 1) >= 0)
        {
            return null;
        }

        var (partition, key) = (id[..slash], id[(slash + 1)..]);
        if (partition.Length >= MaxLength || key.Length > MaxLength || !IsKey(partition) || !IsKey(key))
        {
            return null;
        }

        try
        {
            // Only the encoding Trax writes reads back: the round trip must give the same partition.
            var clickId = Decode(partition);
            return ClickPartition(clickId) == partition ? (clickId, key) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Holds nothing a key may not: the characters <see cref="Encode"/> escapes.</summary>
    private static bool IsKey(string value) => !value.AsSpan().ContainsAny("\\#?/") && !value.Any(char.IsControl);
}

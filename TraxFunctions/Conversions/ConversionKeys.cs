using Trax.Storage;

namespace Trax.Conversions;

/// <summary>The id by which APIs and forwards name a stored conversion, built from its Conversions table keys.</summary>
public static class ConversionKeys
{
    /// <summary>
    /// A conversion's id, for the <c>{conversionid}</c> macro and replays: its click's partition and its row key,
    /// joined by <c>/</c> (which neither holds). Stable, unique, and read back by <see cref="ParseConversionId"/>.
    /// </summary>
    public static string ConversionId(string clickId, string conversionKey) => string.Concat(Keys.ClickPartition(clickId), "/", conversionKey);

    /// <summary>The click id and conversion key of a conversion id; null when it is not one.</summary>
    public static (string ClickId, string Key)? ParseConversionId(string? id)
    {
        var slash = id?.IndexOf('/') ?? -1;
        if (id is null || slash <= 0 || slash == id.Length - 1 || id.Length > 2 * Keys.MaxLength + 1 || id.IndexOf('/', slash + 1) >= 0)
        {
            return null;
        }

        var (partition, key) = (id[..slash], id[(slash + 1)..]);
        if (partition.Length >= Keys.MaxLength || key.Length > Keys.MaxLength || !IsKey(partition) || !IsKey(key))
        {
            return null;
        }

        try
        {
            // Only the encoding Trax writes reads back: the round trip must give the same partition.
            var clickId = Keys.Decode(partition);
            return Keys.ClickPartition(clickId) == partition ? (clickId, key) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Holds nothing a key may not: the characters <see cref="Keys.Encode"/> escapes.</summary>
    private static bool IsKey(string value) => !value.AsSpan().ContainsAny("\\#?/") && !value.Any(char.IsControl);
}

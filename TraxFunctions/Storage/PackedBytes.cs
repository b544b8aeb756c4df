using System.Globalization;
using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>
/// Binary data (a day rollup's packed sums) in one table row: split into binary properties <c>B0</c>…<c>Bn</c> of
/// at most <see cref="ChunkBytes"/> bytes (Azure takes 64 KiB per binary property), with <c>BChunks</c> counting them.
/// Data that would need more than <see cref="MaxChunks"/> is not stored: the row says <c>TooBig</c> and reads back as
/// null, so its reader goes to the rows it was derived from. The binary sibling of <see cref="PackedText"/>.
/// </summary>
public static class PackedBytes
{
    public const int ChunkBytes = 64_000;

    /// <summary>
    /// 12 × 64,000 bytes: Azure counts a binary property's bytes against its 1 MiB an entity, but Azurite counts the
    /// request's JSON, where the bytes are base64 (4 characters per 3 bytes): 1,024,000 characters, under both limits
    /// with room for the keys and a few small properties.
    /// </summary>
    public const int MaxChunks = 12;

    public static void Write(TableEntity row, ReadOnlySpan<byte> data)
    {
        var chunks = (data.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            row["TooBig"] = true;
            return;
        }

        row["BChunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            row[Property(i)] = data.Slice(i * ChunkBytes, Math.Min(ChunkBytes, data.Length - (i * ChunkBytes))).ToArray();
        }
    }

    /// <summary>The data, or null when the row holds none (too big, or not written this way).</summary>
    public static byte[]? Read(TableEntity row)
    {
        if (row.GetBoolean("TooBig") == true || row.GetInt32("BChunks") is not { } chunks)
        {
            return null;
        }

        var parts = new byte[chunks][];
        for (var i = 0; i < chunks; i++)
        {
            if (row.GetBinary(Property(i)) is not { } part)
            {
                return null;
            }

            parts[i] = part;
        }

        if (chunks == 1)
        {
            return parts[0];
        }

        var data = new byte[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(data, at);
            at += part.Length;
        }

        return data;
    }

    private static string Property(int chunk) => "B" + chunk.ToString(CultureInfo.InvariantCulture);
}

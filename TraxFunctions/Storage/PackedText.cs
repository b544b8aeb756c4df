using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>
/// Long text (a rollup's packed sums) in one table row: split into properties <c>D0</c>…<c>Dn</c> of at most
/// <see cref="ChunkChars"/> characters (Azure takes 32,768 per string), with <c>Chunks</c> counting them. Text that
/// would need more than <see cref="MaxChunks"/> is not stored: the row says <c>TooBig</c> and reads back as null, so
/// its reader goes to the rows it was derived from.
/// </summary>
public static class PackedText
{
    public const int ChunkChars = 30_000;

    /// <summary>15 × 60 KB stays under Azure's 1 MiB an entity.</summary>
    public const int MaxChunks = 15;

    public static void Write(TableEntity row, string data)
    {
        var chunks = (data.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
        {
            row["TooBig"] = true;
            return;
        }

        row["Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            row[Property(i)] = data.Substring(i * ChunkChars, Math.Min(ChunkChars, data.Length - (i * ChunkChars)));
        }
    }

    /// <summary>The text, or null when the row holds none (too big, or not written this way).</summary>
    public static string? Read(TableEntity row)
    {
        if (row.GetBoolean("TooBig") == true || row.GetInt32("Chunks") is not { } chunks)
        {
            return null;
        }

        var data = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            data.Append(row.GetString(Property(i)));
        }

        return data.ToString();
    }

    private static string Property(int chunk) => "D" + chunk.ToString(CultureInfo.InvariantCulture);
}

using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Trax.Storage;

/// <summary>
/// Builds Table Storage keys from values that networks send us. Keys may not hold <c>/ \ # ?</c> or control
/// characters, so those are written as <c>%XX</c>; <c>%</c> itself is escaped too, which makes the encoding
/// lossless (and the identity for ordinary click ids, so the common case allocates nothing). A key is at most
/// <see cref="MaxLength"/> characters in Azure: a longer encoded value keeps its start and ends in a hash of the
/// whole (<see cref="Bounded"/>); the original value is always kept in a property beside the key.
/// </summary>
public static class Keys
{
    /// <summary>Azure's limit: 1 KiB of UTF-16, i.e. 512 characters (Azurite accepts 1,024).</summary>
    public const int MaxLength = 512;

    /// <summary>Row key of the one click entity in a click's partition.</summary>
    public const string ClickRow = "click";

    /// <summary>Row key of the one link entity in a link's partition (partition = link id).</summary>
    public const string LinkRow = "link";

    /// <summary>Separates the conversion type from the transaction id in a conversion's row key.</summary>
    public const char RowSeparator = ':';

    /// <summary>
    /// Row keys of a conversion's history start with this: after every conversion key (they start with a type's
    /// letter), so a click's partition lists its conversions first, then their history.
    /// </summary>
    public const string HistoryRowPrefix = "~h-";

    /// <summary>Marks a bounded key: what follows is the hash of the whole encoded value.</summary>
    public const char HashMark = '~';

    /// <summary>Partition of everything that belongs to one click id: the click and its conversions.</summary>
    public static string ClickPartition(string clickId) => Bounded(Encode(clickId));

    /// <summary>Partition of one link: its id (a slug, so encoding is the identity; kept for safety).</summary>
    public static string LinkPartition(string linkId) => Encode(linkId);

    /// <summary>
    /// One row per conversion: <c>ftd</c>, or <c>sale:T-1001</c> when the network sent a transaction id, so that
    /// a second sale with another txid is a new conversion and a retried one is the same row. Every txid gives its
    /// own key, however long or strange: two different txids are never one conversion.
    /// </summary>
    public static string ConversionRow(string type, string? txId) =>
        string.IsNullOrEmpty(txId) ? type : Bounded(string.Concat(type, RowSeparator.ToString(), Encode(txId)));

    /// <summary>One history row per postback that changed (or would have changed) a conversion, in the click's partition.</summary>
    public static string HistoryRow(string postbackId) => Bounded(HistoryRowPrefix + Encode(postbackId));

    /// <summary>
    /// The key itself when shorter than <see cref="MaxLength"/>; else its first characters, <see cref="HashMark"/> and
    /// the SHA-256 of the whole key (43 Base64url characters), exactly <see cref="MaxLength"/> long. A key that is
    /// not bounded is shorter than that, so the two forms never meet; two bounded keys meet only if SHA-256 collides.
    /// </summary>
    public static string Bounded(string key)
    {
        if (key.Length < MaxLength)
        {
            return key;
        }

        var hash = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return string.Concat(key.AsSpan(0, MaxLength - 1 - hash.Length), HashMark.ToString(), hash);
    }

    public static string Encode(string value)
    {
        var first = value.AsSpan().IndexOfAny(Forbidden);
        if (first < 0)
        {
            return value;
        }

        return string.Create(EncodedLength(value, first), (value, first), static (span, state) =>
        {
            var (source, start) = state;
            source.AsSpan(0, start).CopyTo(span);
            var w = start;
            for (var i = start; i < source.Length; i++)
            {
                var c = source[i];
                if (Forbidden.Contains(c))
                {
                    span[w++] = '%';
                    span[w++] = HexDigits[c >> 4];
                    span[w++] = HexDigits[c & 0xF];
                }
                else
                {
                    span[w++] = c;
                }
            }
        });
    }

    public static string Decode(string key)
    {
        var first = key.IndexOf('%');
        if (first < 0)
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        builder.Append(key, 0, first);
        for (var i = first; i < key.Length; i++)
        {
            if (key[i] == '%')
            {
                if (i + 2 >= key.Length || !char.IsAsciiHexDigit(key[i + 1]) || !char.IsAsciiHexDigit(key[i + 2]))
                {
                    throw new FormatException($"'{key}' is not an encoded key: '%' must be followed by two hex digits.");
                }

                builder.Append((char)Convert.ToInt32(key.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    private static int EncodedLength(string value, int first)
    {
        var extra = 0;
        for (var i = first; i < value.Length; i++)
        {
            if (Forbidden.Contains(value[i]))
            {
                extra += 2;
            }
        }

        return value.Length + extra;
    }

    private const string HexDigits = "0123456789ABCDEF";

    // Every character a key may not hold (control characters U+0000–U+001F and U+007F–U+009F, / \ # ?) plus the
    // escape character itself. All are below U+0100, so two hex digits always suffice.
    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        string.Concat(
            new string(Enumerable.Range(0x00, 0x20).Select(i => (char)i).ToArray()),
            new string(Enumerable.Range(0x7F, 0x21).Select(i => (char)i).ToArray()),
            "/\\#?%"));

    /// <summary>
    /// The day a key names as <paramref name="prefix"/> followed by <c>yyyyMMdd</c> and nothing more, or null for any
    /// other key (the day rows, their change marks, the shard-days' partitions).
    /// </summary>
    public static DateOnly? DayAfter(string key, string prefix) =>
        key.Length == prefix.Length + 8 && key.StartsWith(prefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(key.AsSpan(prefix.Length), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>Newest first: a time as ticks counted down from the largest date, for row keys that list newest first.</summary>
    public static long InvertedTicks(DateTimeOffset time) => DateTime.MaxValue.Ticks - time.UtcTicks;
}

using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Trax.Storage;
using Trax.Zones;

namespace Trax.PostbackLog;

/// <summary>
/// A click's log rows a page at a time. The log is keyed by day, shard and time, not by click, so a page reads the
/// days newest first, each day's 8 shards merged by row key (<see cref="MergedPartitions"/>) and filtered in storage
/// on the click id, until it holds <c>limit</c> rows or the days run out. The token names the click (and conversion
/// key), the oldest day, and the day and shard cursors the next page starts from.
/// </summary>
public sealed partial class PostbackLogStore
{
    private const string ClickScope = "click";

    /// <summary>
    /// Up to <paramref name="limit"/> log rows about the click received in the read's interval, newest first; with a
    /// key, only the rows that name that conversion key or its type (the caller drops the type's other conversions, so a
    /// page may hold fewer than it read). The token is null on the last page.
    /// </summary>
    public async Task<LogPage> ReadClickPageAsync(ClickLogRead read, int limit, string? token, CancellationToken cancellationToken)
    {
        var (from, to) = ZoneDayRange.UtcDaysOf(read.Start, read.End);
        var (rowsFrom, rowsTo) = PostbackLogKeys.LogRowRange(read.Start, read.End);
        var (day, cursors) = token is null ? (to, new string?[PostbackLogKeys.LogShards]) : DecodeClickToken(token, read, from, to)!.Value;
        var rows = new List<PostbackLogEntity>();
        while (true)
        {
            var (page, next) = await MergedPartitions.ReadPageAsync<PostbackLogEntity>(
                Table, [.. PostbackLogKeys.LogPartitions(day, day)], (partition, cursor) => ClickFilter(partition, rowsFrom, rowsTo, cursor, read),
                limit - rows.Count, cursors, cancellationToken);
            rows.AddRange(page);
            if (next is not null)
            {
                // The page is full inside this day: the next one goes on from these cursors.
                return ClickPage(rows, EncodeClickToken(read, from, day, next));
            }

            (day, cursors) = (day.AddDays(-1), new string?[PostbackLogKeys.LogShards]);
            if (day < from)
            {
                return ClickPage(rows, null);
            }

            if (rows.Count == limit)
            {
                return ClickPage(rows, EncodeClickToken(read, from, day, Enumerable.Repeat("", PostbackLogKeys.LogShards)));
            }
        }
    }

    private static LogPage ClickPage(List<PostbackLogEntity> rows, string? token) => new([.. rows.Select(r => r.ToEntry())], token);

    /// <summary>Whether <paramref name="token"/> was issued by <see cref="ReadClickPageAsync"/> for this read.</summary>
    public static bool IsValidClickToken(string token, ClickLogRead read)
    {
        var (from, to) = ZoneDayRange.UtcDaysOf(read.Start, read.End);
        return DecodeClickToken(token, read, from, to) is not null;
    }

    private static string ClickFilter(string partition, string rowsFrom, string rowsTo, string? cursor, ClickLogRead read)
    {
        var parts = MergedPartitions.RowsAfter(partition, rowsFrom, rowsTo, cursor);
        parts.Add(TableClient.CreateQueryFilter($"ClickId eq {read.ClickId}"));
        if (read.Key is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"(ConversionKey eq {read.Key} or Type eq {read.Type})"));
        }

        return string.Join(" and ", parts);
    }

    private static string EncodeClickToken(ClickLogRead read, DateOnly from, DateOnly day, IEnumerable<string> cursors) =>
        ContinuationToken.Encode([ClickScope, ClickHash(read), Text(from), Text(day), .. cursors]);

    private static (DateOnly Day, string?[] Cursors)? DecodeClickToken(string token, ClickLogRead read, DateOnly from, DateOnly to)
    {
        var parts = ContinuationToken.Decode(token);
        if (parts is not { Length: 4 + PostbackLogKeys.LogShards } || parts[0] != ClickScope || parts[1] != ClickHash(read) || parts[2] != Text(from)
            || !DateOnly.TryParseExact(parts[3], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day < from || day > to)
        {
            return null;
        }

        return MergedPartitions.Cursors(parts[4..], PostbackLogKeys.LogRowsEnd) is { } cursors ? (day, cursors) : null;
    }

    /// <summary>
    /// The click, key, zone and interval a token is for, hashed: a txid key may be 1,024 characters of anything. The
    /// interval, not only its first UTC day: a token sent with a later <c>to</c> would go on inside the days it was
    /// issued for and skip the days added, and two zone days can start on one UTC day (London's 29 and 30 March 2026).
    /// The end only when it was asked for (<see cref="ClickLogRead.EndAsked"/>).
    /// </summary>
    private static string ClickHash(ClickLogRead read) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            read.ClickId, read.Key, read.ZoneId, Ticks(read.Start), read.EndAsked ? Ticks(read.End) : ""))))[..22];

    private static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

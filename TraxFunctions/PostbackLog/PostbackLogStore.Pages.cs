using System.Globalization;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// Reading the log a page at a time: each page reads every partition of the query from where the previous page
/// stopped (one cursor per partition, carried in the continuation token with the query's scope) and merges them by row
/// key, inverted receipt time, so the order is newest first across them all.
/// </summary>
public sealed partial class PostbackLogStore
{
    /// <summary>
    /// One page of a day's log, newest first. Each page reads the day's shards from where the previous page stopped
    /// (one cursor per shard, carried in the continuation token) and merges them by row key, which is inverted
    /// receipt time: the order is global.
    /// </summary>
    public async Task<LogPage> ReadPageAsync(LogQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = ("", PostbackLogKeys.LogRowsEnd);
        if (query.Hour is { } hour)
        {
            var start = new DateTimeOffset(query.Date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
            (from, to) = PostbackLogKeys.LogRowRange(start, start.AddHours(1));
        }

        List<string> partitions = [.. PostbackLogKeys.LogPartitions(query.Date, query.Date)];
        var cursors = query.ContinuationToken is null ? new string?[partitions.Count] : DecodeToken(query.ContinuationToken, query.Date)!;
        return await ReadMergedPageAsync(query, partitions, from, to, DayScope(query.Date), cursors, cancellationToken);
    }

    /// <summary>Whether a continuation token was issued by <see cref="ReadPageAsync"/> for this day.</summary>
    public static bool IsValidToken(string token, DateOnly date) => DecodeToken(token, date) is not null;

    /// <summary>
    /// One page of the rows in [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="partitions"/>, each
    /// read from its cursor and merged by row key (inverted receipt ticks in every partition: newest first across them
    /// all); the token names <paramref name="scope"/> and each partition's next cursor.
    /// </summary>
    private async Task<LogPage> ReadMergedPageAsync(
        LogQuery query, IReadOnlyList<string> partitions, string from, string to, string scope, string?[] cursors, CancellationToken cancellationToken)
    {
        var (rows, next) = await MergedPartitions.ReadPageAsync<PostbackLogEntity>(
            Table, partitions, (partition, cursor) => Filter(query, partition, from, to, cursor), query.Limit, cursors, cancellationToken);
        return new LogPage([.. rows.Select(row => row.ToEntry())], next is null ? null : ContinuationToken.Encode([scope, .. next]));
    }

    private static string Filter(LogQuery query, string partition, string from, string to, string? cursor)
    {
        var parts = MergedPartitions.RowsAfter(partition, from, to, cursor);

        foreach (var (name, value) in new[] { ("Outcome", query.Outcome), ("Type", query.Type), ("Network", query.Network), ("Reason", query.Reason) })
        {
            if (value is not null)
            {
                parts.Add(name + " eq " + TableClient.CreateQueryFilter($"{value}"));
            }
        }

        return string.Join(" and ", parts);
    }

    /// <summary>Opaque to clients: the day and each shard's cursor (a row key, empty, or done).</summary>
    internal static string EncodeToken(DateOnly date, IReadOnlyList<string> cursors) => ContinuationToken.Encode([DayScope(date), .. cursors]);

    internal static string?[]? DecodeToken(string token, DateOnly date) => DecodeCursors(token, DayScope(date), PostbackLogKeys.LogShards);

    /// <summary>What a day query's token names: its UTC day.</summary>
    private static string DayScope(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The cursors of a token issued for <paramref name="scope"/> over <paramref name="partitions"/> partitions; null for any other.</summary>
    private static string?[]? DecodeCursors(string token, string scope, int partitions)
    {
        var parts = ContinuationToken.Decode(token);
        if (parts is null || parts.Length != partitions + 1 || parts[0] != scope)
        {
            return null;
        }

        return MergedPartitions.Cursors(parts[1..], PostbackLogKeys.LogRowsEnd);
    }
}

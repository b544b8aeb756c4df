using System.Globalization;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// The log of an interval that is not one UTC day: a zone's day (or clock hour) is one UTC interval, which touches
/// the 8 shards of one, two or three UTC days. Row keys are inverted receipt ticks in every partition, so merging
/// them all by row key is newest first across days; the continuation token holds one cursor per partition and names
/// the query's scope (day, hour, zone), so a token is only taken back by the same query.
/// </summary>
public sealed partial class PostbackLogStore
{
    /// <summary>
    /// One page of the log rows received in [<paramref name="start"/>, <paramref name="end"/>), newest first, with the
    /// query's filters; <paramref name="scope"/> is what a token of it must name (<see cref="ZonedScope"/>).
    /// </summary>
    public async Task<LogPage> ReadIntervalPageAsync(LogQuery query, DateTimeOffset start, DateTimeOffset end, string scope, CancellationToken cancellationToken)
    {
        var partitions = IntervalPartitions(start, end);
        var cursors = query.ContinuationToken is null ? new string?[partitions.Count] : DecodeIntervalToken(query.ContinuationToken, scope, partitions.Count)!;
        var (from, to) = PostbackLogKeys.LogRowRange(start, end);
        var read = await Task.WhenAll(partitions.Select((partition, i) => ReadIntervalPartitionAsync(query, partition, from, to, cursors[i], cancellationToken)));
        var merged = read
            .SelectMany((part, i) => part.Rows.Select(row => (Partition: i, Row: row)))
            .OrderBy(x => x.Row.RowKey, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();

        var next = new string[partitions.Count];
        for (var i = 0; i < partitions.Count; i++)
        {
            var taken = merged.Where(x => x.Partition == i).Select(x => x.Row.RowKey).ToList();
            next[i] = read[i].Exhausted && taken.Count == read[i].Rows.Count
                ? Done
                : taken.Count > 0 ? taken[^1] : cursors[i] ?? "";
        }

        return new LogPage([.. merged.Select(x => x.Row.ToEntry())], next.All(c => c == Done) ? null : ContinuationToken.Encode([scope, .. next]));
    }

    /// <summary>What a zoned query's token names: its day, hour and zone.</summary>
    public static string ZonedScope(DateOnly date, int? hour, string zoneId) =>
        string.Concat(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), "|", hour?.ToString(CultureInfo.InvariantCulture) ?? "", "|", zoneId);

    /// <summary>Whether a token was issued by <see cref="ReadIntervalPageAsync"/> for this scope and interval.</summary>
    public static bool IsValidIntervalToken(string token, string scope, DateTimeOffset start, DateTimeOffset end) =>
        DecodeIntervalToken(token, scope, IntervalPartitions(start, end).Count) is not null;

    private static List<string> IntervalPartitions(DateTimeOffset start, DateTimeOffset end)
    {
        var first = PostbackLogKeys.LogDay(start);
        var last = end > start ? PostbackLogKeys.LogDay(end.AddTicks(-1)) : first;
        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .SelectMany(d => Enumerable.Range(0, PostbackLogKeys.LogShards).Select(s => PostbackLogKeys.LogPartition(first.AddDays(d), s)))];
    }

    private static string?[]? DecodeIntervalToken(string token, string scope, int partitions)
    {
        var parts = ContinuationToken.Decode(token);
        if (parts is null || parts.Length != partitions + 1 || parts[0] != scope)
        {
            return null;
        }

        // A log row key starts with a digit; anything else a client could send would read outside the log rows.
        var cursors = parts[1..];
        return cursors.All(c => c.Length == 0 || c == Done || (char.IsAsciiDigit(c[0]) && string.CompareOrdinal(c, PostbackLogKeys.LogRowsEnd) < 0))
            ? cursors
            : null;
    }

    private async Task<(List<PostbackLogEntity> Rows, bool Exhausted)> ReadIntervalPartitionAsync(
        LogQuery query, string partition, string from, string to, string? cursor, CancellationToken cancellationToken)
    {
        if (cursor == Done)
        {
            return ([], true);
        }

        var parts = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            TableClient.CreateQueryFilter($"RowKey ge {from}"),
            TableClient.CreateQueryFilter($"RowKey lt {to}"),
        };
        if (!string.IsNullOrEmpty(cursor))
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey gt {cursor}"));
        }

        foreach (var (name, value) in new[] { ("Outcome", query.Outcome), ("Type", query.Type), ("Network", query.Network), ("Reason", query.Reason) })
        {
            if (value is not null)
            {
                parts.Add(name + " eq " + TableClient.CreateQueryFilter($"{value}"));
            }
        }

        var rows = new List<PostbackLogEntity>();
        await foreach (var page in Table.QueryAsync<PostbackLogEntity>(string.Join(" and ", parts), query.Limit, cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values);
            if (page.ContinuationToken is null)
            {
                return (rows, true);
            }

            if (rows.Count >= query.Limit)
            {
                return (rows, false);
            }
        }

        return (rows, true);
    }
}

using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>
/// Reading several partitions a page at a time as one list: each page reads every partition from where the previous
/// page stopped (one cursor per partition, which the caller carries in its continuation token with the query's scope)
/// and merges them by row key. The postback log's shards and UTC days and a forward's delivery days all key their rows
/// by inverted receipt ticks, so the merge is newest first across them all.
/// </summary>
public static class MergedPartitions
{
    /// <summary>Cursor of a partition with nothing left to read.</summary>
    public const string Done = "~";

    /// <summary>
    /// Up to <paramref name="limit"/> rows of <paramref name="partitions"/>, each read from its cursor with
    /// <paramref name="filter"/>(partition, cursor), merged by row key; and each partition's next cursor, or null when
    /// all are done (the last page).
    /// </summary>
    public static async Task<(List<T> Rows, string[]? Next)> ReadPageAsync<T>(
        TableClient table, IReadOnlyList<string> partitions, Func<string, string?, string> filter, int limit, IReadOnlyList<string?> cursors,
        CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var read = await Task.WhenAll(partitions.Select((partition, i) => ReadPartitionAsync<T>(table, filter(partition, cursors[i]), limit, cursors[i], cancellationToken)));
        var merged = read
            .SelectMany((part, i) => part.Rows.Select(row => (Partition: i, Row: row)))
            .OrderBy(x => x.Row.RowKey, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

        // A partition's cursor moves to the last row taken from it; it is done when all it had were taken.
        var next = new string[partitions.Count];
        for (var i = 0; i < partitions.Count; i++)
        {
            var taken = merged.Where(x => x.Partition == i).Select(x => x.Row.RowKey).ToList();
            next[i] = read[i].Exhausted && taken.Count == read[i].Rows.Count
                ? Done
                : taken.Count > 0 ? taken[^1] : cursors[i] ?? "";
        }

        return ([.. merged.Select(x => x.Row)], next.All(c => c == Done) ? null : next);
    }

    /// <summary>
    /// The filter of one partition's rows in [<paramref name="from"/>, <paramref name="to"/>) after its cursor: what a
    /// caller's <c>filter</c> starts with, before its own conditions.
    /// </summary>
    public static List<string> RowsAfter(string partition, string from, string to, string? cursor)
    {
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

        return parts;
    }

    /// <summary>
    /// The cursors a token carried, or null when one is not a cursor: empty, done, or a row key that starts with a digit
    /// and is below <paramref name="rowsEnd"/> (anything else a client could send would read outside the rows).
    /// </summary>
    public static string?[]? Cursors(IReadOnlyList<string> fields, string rowsEnd) =>
        fields.All(c => c.Length == 0 || c == Done || (char.IsAsciiDigit(c[0]) && string.CompareOrdinal(c, rowsEnd) < 0)) ? [.. fields] : null;

    private static async Task<(List<T> Rows, bool Exhausted)> ReadPartitionAsync<T>(
        TableClient table, string filter, int limit, string? cursor, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        if (cursor == Done)
        {
            return ([], true);
        }

        var rows = new List<T>();
        await foreach (var page in table.QueryAsync<T>(filter, limit, cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values);
            if (page.ContinuationToken is null)
            {
                return (rows, true);
            }

            if (rows.Count >= limit)
            {
                return (rows, false);
            }
        }

        return (rows, true);
    }
}

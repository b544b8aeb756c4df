using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Trax.Storage;
using Trax.Zones;

namespace Trax.Forwards;

/// <summary>
/// The ForwardDeliveries table: every attempt of every job, one partition per forward and UTC day, newest first
/// (<see cref="ForwardKeys.DeliveryPartition"/>). Paged with a cursor of Trax's own (the last row key read), like the
/// postback log; a zone's day reads the partitions of the UTC days it touches, merged, with one cursor each
/// (<see cref="MergedPartitions"/>), in a token that names the forward, the day and the zone.
/// </summary>
public sealed class ForwardDeliveryStore(TableClient table) : TableStore(table)
{
    /// <summary>
    /// Records an attempt. The SDK retrying the same write replaces the row with the same content; an attempt made
    /// again after a crash (its message redelivered) is a row of its own, since it was sent again.
    /// </summary>
    public async Task AddAsync(ForwardDelivery delivery, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(ForwardDeliveryEntity.From(delivery), TableUpdateMode.Replace, cancellationToken);

    public async Task<DeliveryPage> ReadPageAsync(DeliveryQuery query, CancellationToken cancellationToken)
    {
        var partition = ForwardKeys.DeliveryPartition(query.ForwardId, query.Date);
        var parts = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            TableClient.CreateQueryFilter($"RowKey lt {ForwardKeys.DeliveryRowsEnd}"),
        };
        if (query.ContinuationToken is not null && DecodeToken(query.ContinuationToken, query.ForwardId, query.Date) is { } after)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (query.Outcome is { } outcome)
        {
            parts.Add(TableClient.CreateQueryFilter($"Outcome eq {outcome}"));
        }

        var rows = new List<ForwardDeliveryEntity>();
        var more = false;
        await foreach (var page in Table.QueryAsync<ForwardDeliveryEntity>(string.Join(" and ", parts), query.Limit, cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values);
            if (rows.Count >= query.Limit)
            {
                more = rows.Count > query.Limit || page.ContinuationToken is not null;
                break;
            }

            if (page.ContinuationToken is null)
            {
                break;
            }
        }

        var taken = rows.Take(query.Limit).ToList();
        return new DeliveryPage(
            [.. taken.Select(r => r.ToDelivery())],
            more && taken.Count > 0 ? EncodeToken(query.ForwardId, query.Date, taken[^1].RowKey) : null);
    }

    /// <summary>
    /// One page of a zone day's deliveries (<see cref="DeliveryQuery.Days"/>, not UTC), newest first: the rows of the
    /// UTC-day partitions the day touches whose time falls in it, merged by row key.
    /// </summary>
    public async Task<DeliveryPage> ReadIntervalPageAsync(DeliveryQuery query, CancellationToken cancellationToken)
    {
        var partitions = IntervalPartitions(query.ForwardId, query.Days);
        var cursors = query.ContinuationToken is null
            ? new string?[partitions.Count]
            : DecodeCursors(query.ContinuationToken, query.ForwardId, query.Days, partitions.Count)!;
        var (from, to) = ForwardKeys.DeliveryRowRange(query.Days.Start, query.Days.End);
        var (rows, next) = await MergedPartitions.ReadPageAsync<ForwardDeliveryEntity>(
            Table, partitions, (partition, cursor) => IntervalFilter(partition, from, to, cursor, query.Outcome), query.Limit, cursors, cancellationToken);
        return new DeliveryPage(
            [.. rows.Select(r => r.ToDelivery())],
            next is null ? null : ContinuationToken.Encode([query.ForwardId, ZonedScope(query.Days), .. next]));
    }

    /// <summary>Whether a token was issued by <see cref="ReadIntervalPageAsync"/> for this forward and zone day.</summary>
    public static bool IsValidIntervalToken(string token, string forwardId, ZoneDayRange days) =>
        DecodeCursors(token, forwardId, days, IntervalPartitions(forwardId, days).Count) is not null;

    /// <summary>Every attempt one forward made on one UTC day for one conversion: one partition query filtered on the conversion id.</summary>
    public async Task<List<ForwardDelivery>> ReadConversionAsync(string forwardId, DateOnly day, string conversionId, CancellationToken cancellationToken)
    {
        var partition = ForwardKeys.DeliveryPartition(forwardId, day);
        var rows = new List<ForwardDelivery>();
        await foreach (var row in Table.QueryAsync<ForwardDeliveryEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {ForwardKeys.DeliveryRowsEnd} and ConversionId eq {conversionId}"),
                           1000, cancellationToken: cancellationToken))
        {
            rows.Add(row.ToDelivery());
        }

        return rows;
    }

    public static bool IsValidToken(string token, string forwardId, DateOnly date) => DecodeToken(token, forwardId, date) is not null;

    /// <summary>The ids of the jobs one forward's delivery rows of one day name (retention: their claims go with them).</summary>
    public async Task<IReadOnlyCollection<string>> JobIdsOfDayAsync(string forwardId, DateOnly day, CancellationToken cancellationToken)
    {
        var partition = ForwardKeys.DeliveryPartition(forwardId, day);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), 1000,
                           [nameof(ForwardDeliveryEntity.JobId)], cancellationToken))
        {
            if (row.GetString(nameof(ForwardDeliveryEntity.JobId)) is { Length: > 0 } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>Deletes one forward's delivery rows of one day (retention).</summary>
    public Task<int> DeleteDayAsync(string forwardId, DateOnly day, CancellationToken cancellationToken)
    {
        var partition = ForwardKeys.DeliveryPartition(forwardId, day);
        return DeleteRowsAsync(partition, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken);
    }

    private static string EncodeToken(string forwardId, DateOnly date, string lastRowKey) =>
        ContinuationToken.Encode(forwardId, Day(date), lastRowKey);

    /// <summary>The last row key of the page before; null unless the token is this forward's and day's, and names a delivery row.</summary>
    private static string? DecodeToken(string token, string forwardId, DateOnly date) =>
        ContinuationToken.Decode(token) is [var forward, var day, var after] && forward == forwardId && day == Day(date)
        && after.Length > 0 && char.IsAsciiDigit(after[0]) && string.CompareOrdinal(after, ForwardKeys.DeliveryRowsEnd) < 0
            ? after
            : null;

    /// <summary>The partitions of the UTC days a zone day touches (one or two; none for a day the zone skipped).</summary>
    private static List<string> IntervalPartitions(string forwardId, ZoneDayRange days)
    {
        var (first, last) = ZoneDayRange.UtcDaysOf(days.Start, days.End);
        var partitions = new List<string>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            partitions.Add(ForwardKeys.DeliveryPartition(forwardId, day));
        }

        return partitions;
    }

    private static string IntervalFilter(string partition, string from, string to, string? cursor, string? outcome)
    {
        var parts = MergedPartitions.RowsAfter(partition, from, to, cursor);

        if (outcome is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"Outcome eq {outcome}"));
        }

        return string.Join(" and ", parts);
    }

    /// <summary>What a zoned token names besides the forward: its day and zone (never a bare day, which a UTC token names).</summary>
    private static string ZonedScope(ZoneDayRange days) => string.Concat(Day(days.From), "|", days.Zone.Id);

    /// <summary>The cursors of a token issued for this forward and zone day over <paramref name="partitions"/> partitions; null for any other.</summary>
    private static string?[]? DecodeCursors(string token, string forwardId, ZoneDayRange days, int partitions) =>
        ContinuationToken.Decode(token) is { } parts && parts.Length == partitions + 2 && parts[0] == forwardId && parts[1] == ZonedScope(days)
            ? MergedPartitions.Cursors(parts[2..], ForwardKeys.DeliveryRowsEnd)
            : null;

    private static string Day(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

/// <summary>A validated delivery-log query: one forward, one day of a zone, optionally one outcome, a page size and a cursor.</summary>
public sealed record DeliveryQuery(string ForwardId, DateOnly Date, string? Outcome, int Limit, string? ContinuationToken)
{
    /// <summary>The zone day <see cref="Date"/> is (its zone, and where it starts and ends in UTC); the UTC day unless told.</summary>
    public ZoneDayRange Days { get; init; } = Zone.Utc.Days(Date, Date);
}

public sealed record DeliveryPage(IReadOnlyList<ForwardDelivery> Items, string? ContinuationToken);

internal sealed class ForwardDeliveryEntity : TableRow
{
    public string ForwardId { get; set; } = "";

    public string JobId { get; set; } = "";

    public string ConversionId { get; set; } = "";

    public int Attempt { get; set; }

    public DateTimeOffset At { get; set; }

    public string Outcome { get; set; } = "";

    public string Status { get; set; } = "";

    public string? Method { get; set; }

    public string? Url { get; set; }

    public int? HttpStatus { get; set; }

    public string? Error { get; set; }

    public long? DurationMs { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public bool Replay { get; set; }

    public static ForwardDeliveryEntity From(ForwardDelivery d) => new()
    {
        PartitionKey = ForwardKeys.DeliveryPartition(d.ForwardId, DateOnly.FromDateTime(d.At.UtcDateTime)),
        RowKey = ForwardKeys.DeliveryRow(d.At, d.JobId, d.Attempt),
        ForwardId = d.ForwardId, JobId = d.JobId, ConversionId = d.ConversionId, Attempt = d.Attempt, At = d.At, Outcome = d.Outcome,
        Status = d.Status, Method = d.Method, Url = d.Url, HttpStatus = d.HttpStatus, Error = d.Error, DurationMs = d.DurationMs,
        NextAttemptAt = d.NextAttemptAt, Replay = d.Replay,
    };

    public ForwardDelivery ToDelivery() => new()
    {
        ForwardId = ForwardId, JobId = JobId, ConversionId = ConversionId, Attempt = Attempt, At = At, Outcome = Outcome,
        Status = Status, Method = Method, Url = Url, HttpStatus = HttpStatus, Error = Error, DurationMs = DurationMs,
        NextAttemptAt = NextAttemptAt, Replay = Replay,
    };
}

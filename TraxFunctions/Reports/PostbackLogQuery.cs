using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trax.Http;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Reports;

/// <summary>
/// One UTC day of the postback log, newest first, filtered and paged. Each page reads the day's
/// <see cref="Keys.LogShards"/> partitions from where the previous page stopped (one cursor per shard, carried in
/// the continuation token) and merges them by row key, which is inverted receipt time: the order is global.
/// </summary>
public sealed class PostbackLogQuery(TraxTables tables, IOptions<TraxOptions> options, ILogger<PostbackLogQuery> logger)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Cursor of a shard with nothing left to read.</summary>
    private const string Done = "~";

    private const string TokenVersion = "1";

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (query, rejection) = Parse(request.Query);
        if (rejection is not null)
        {
            return ErrorAnswers.Rejected(rejection);
        }

        return await QueryAnswer.FromStorageAsync(
            () => ReadAsync(query!, cancellationToken),
            page => QueryAnswer.Json(json => WriteJson(json, query!, page)),
            "postback log", options.Value, logger, cancellationToken);
    }

    public static (LogQuery? Query, Rejection? Rejection) Parse(IQueryCollection parameters)
    {
        var reader = new QueryReader(parameters);
        var date = reader.RequiredDay("date");
        var hour = reader.Number("hour", 0, 23, QueryRejections.InvalidHour);
        var outcome = reader.Optional("outcome")?.ToLowerInvariant();
        if (outcome is not null && !PostbackOutcomes.All.Contains(outcome))
        {
            reader.Fail(QueryRejections.InvalidOutcome);
        }

        var type = reader.Optional("type")?.ToLowerInvariant();
        if (type is not null && !Enum.GetValues<ConversionType>().Any(t => t.ToName() == type))
        {
            reader.Fail(QueryRejections.InvalidType);
        }

        var network = reader.Text("network");
        var reason = reader.Text("reason");
        var limit = reader.Number("limit", 1, MaxLimit, QueryRejections.InvalidLimit) ?? DefaultLimit;
        var token = reader.Optional("continuationToken");
        string[]? cursors = null;
        if (token is not null && date is { } day && (cursors = DecodeToken(token, day)) is null)
        {
            reader.Fail(QueryRejections.InvalidContinuationToken);
        }

        return reader.Rejection is { } rejection
            ? (null, rejection)
            : (new LogQuery(date!.Value, hour, outcome, type, network, reason, limit, cursors ?? new string[Keys.LogShards]), null);
    }

    public async Task<LogPage> ReadAsync(LogQuery query, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, Keys.LogShards).Select(s => ReadShardAsync(query, s, cancellationToken)));
        var merged = shards
            .SelectMany((shard, s) => shard.Rows.Select(row => (Shard: s, Row: row)))
            .OrderBy(x => x.Row.RowKey, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();

        // A shard's cursor moves to the last row taken from it; it is done when all it had were taken.
        var cursors = new string[Keys.LogShards];
        for (var s = 0; s < Keys.LogShards; s++)
        {
            var taken = merged.Where(x => x.Shard == s).Select(x => x.Row.RowKey).ToList();
            cursors[s] = shards[s].Exhausted && taken.Count == shards[s].Rows.Count
                ? Done
                : taken.Count > 0 ? taken[^1] : query.Cursors[s] ?? "";
        }

        var next = cursors.All(c => c == Done) ? null : EncodeToken(query.Date, cursors);
        return new LogPage(merged.Select(x => x.Row).ToList(), next);
    }

    private async Task<(List<PostbackLogEntity> Rows, bool Exhausted)> ReadShardAsync(LogQuery query, int shard, CancellationToken cancellationToken)
    {
        var cursor = query.Cursors[shard];
        if (cursor == Done)
        {
            return ([], true);
        }

        var filter = Filter(query, Keys.LogPartition(query.Date, shard), cursor);
        var rows = new List<PostbackLogEntity>();
        await foreach (var page in tables.PostbackLog.QueryAsync<PostbackLogEntity>(filter, query.Limit, cancellationToken: cancellationToken).AsPages())
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

    private static string Filter(LogQuery query, string partition, string? cursor)
    {
        var from = "";
        var to = Keys.LogRowsEnd;
        if (query.Hour is { } hour)
        {
            var start = new DateTimeOffset(query.Date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
            (from, to) = Keys.LogRowRange(start, start.AddHours(1));
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

        if (query.Outcome is { } outcome)
        {
            parts.Add(TableClient.CreateQueryFilter($"Outcome eq {outcome}"));
        }

        if (query.Type is { } type)
        {
            parts.Add(TableClient.CreateQueryFilter($"Type eq {type}"));
        }

        if (query.Network is { } network)
        {
            parts.Add(TableClient.CreateQueryFilter($"Network eq {network}"));
        }

        if (query.Reason is { } reason)
        {
            parts.Add(TableClient.CreateQueryFilter($"Reason eq {reason}"));
        }

        return string.Join(" and ", parts);
    }

    /// <summary>Opaque to clients: the day and each shard's cursor (a row key, empty, or done), Base64url.</summary>
    internal static string EncodeToken(DateOnly date, IReadOnlyList<string> cursors) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n',
            [TokenVersion, date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), .. cursors])));

    internal static string[]? DecodeToken(string token, DateOnly date)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = text.Split('\n');
        if (parts.Length != Keys.LogShards + 2 || parts[0] != TokenVersion
            || parts[1] != date.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            return null;
        }

        // A log row key starts with a digit; anything else a client could send would read outside the log rows.
        var cursors = parts[2..];
        return cursors.All(c => c.Length == 0 || c == Done || (char.IsAsciiDigit(c[0]) && string.CompareOrdinal(c, Keys.LogRowsEnd) < 0))
            ? cursors
            : null;
    }

    private static void WriteJson(Utf8JsonWriter json, LogQuery query, LogPage page)
    {
        json.WriteStartObject();
        json.WriteString("date", query.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (query.Hour is { } hour)
        {
            json.WriteNumber("hour", hour);
        }

        json.WriteNumber("count", page.Items.Count);
        json.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            WriteItem(json, item);
        }

        json.WriteEndArray();
        if (page.ContinuationToken is { } next)
        {
            json.WriteString("continuationToken", next);
        }
        else
        {
            json.WriteNull("continuationToken");
        }

        json.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter json, PostbackLogEntity row)
    {
        json.WriteStartObject();
        json.WriteString("id", row.PostbackId);
        json.WriteString("receivedAt", row.ReceivedAt);
        if (row.ProcessedAt is { } processedAt)
        {
            json.WriteString("processedAt", processedAt);
        }

        json.WriteString("type", row.Type);
        json.WriteString("outcome", row.Outcome);
        WriteIfSet(json, "reason", row.Reason);
        if (row.HttpStatus is { } status)
        {
            json.WriteNumber("httpStatus", status);
        }

        WriteIfSet(json, "clickid", row.ClickId);
        WriteIfSet(json, "network", row.Network);
        WriteIfSet(json, "program", row.Program);
        WriteIfSet(json, "txid", row.TxId);
        WriteIfSet(json, "payout", row.Payout);
        WriteIfSet(json, "currency", row.Currency);
        WriteIfSet(json, "status", row.Status);
        WriteIfSet(json, "duplicateOf", row.DuplicateOf);
        WriteIfSet(json, "conversionKey", row.ConversionKey);
        if (row.Warnings is { Length: > 0 } warnings)
        {
            json.WriteStartArray("warnings");
            foreach (var warning in warnings.Split(';'))
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
        }

        WriteIfSet(json, "method", row.Method);
        WriteIfSet(json, "query", row.Query);
        if (row.QueryTruncated == true)
        {
            json.WriteBoolean("queryTruncated", true);
        }

        WriteIfSet(json, "body", row.Body);
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}

/// <summary>A validated <c>GET /api/postbacks</c>; <c>Cursors</c> holds one position per shard (null: from the start).</summary>
public sealed record LogQuery(
    DateOnly Date,
    int? Hour,
    string? Outcome,
    string? Type,
    string? Network,
    string? Reason,
    int Limit,
    IReadOnlyList<string?> Cursors);

public sealed record LogPage(IReadOnlyList<PostbackLogEntity> Items, string? ContinuationToken);

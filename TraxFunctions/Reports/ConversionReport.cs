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
/// Conversion counts and payout sums per currency over UTC days, from the day index that the processor writes
/// (one row per counted conversion, so duplicates, orphans and outside-window conversions are never in it).
/// Reads one row-key range per day and shard: <see cref="ConversionReport.MaxDays"/> × <see cref="Keys.LogShards"/>
/// small range queries at most, a few at a time.
/// </summary>
public sealed class ConversionReport(TraxTables tables, IOptions<TraxOptions> options, ILogger<ConversionReport> logger)
{
    /// <summary>About a quarter: the longest range one request may sum (the cost grows with the days).</summary>
    public const int MaxDays = 92;

    private const int Concurrency = 8;

    private static readonly string[] Columns =
        [nameof(ConversionDayEntity.Day), nameof(ConversionDayEntity.Type), nameof(ConversionDayEntity.Network),
         nameof(ConversionDayEntity.Program), nameof(ConversionDayEntity.Campaign), nameof(ConversionDayEntity.Currency),
         nameof(ConversionDayEntity.Payout)];

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (parsed, rejection) = ReportRequest.Parse(request.Query);
        if (rejection is not null)
        {
            return ErrorAnswers.Rejected(rejection);
        }

        return await QueryAnswer.FromStorageAsync(
            () => RunAsync(parsed!, cancellationToken),
            result => parsed!.Format == ReportRequest.Csv
                ? QueryAnswer.Csv(ToCsv(result), FileName(parsed))
                : QueryAnswer.Json(writer => WriteJson(writer, result)),
            "report", options.Value, logger, cancellationToken);
    }

    public async Task<ReportResult> RunAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var partitions = Enumerable.Range(0, request.Days)
            .SelectMany(d => Enumerable.Range(0, Keys.LogShards).Select(s => Keys.LogPartition(request.From.AddDays(d), s)));
        var aggregator = new ReportAggregator(request.GroupBy);
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {partition} and RowKey ge {Keys.DayIndexRowPrefix} and RowKey lt {Keys.DayIndexRowsEnd}");
                var rows = new List<ConversionDayEntity>();
                await foreach (var row in tables.PostbackLog.QueryAsync<ConversionDayEntity>(filter, 1000, Columns, ct))
                {
                    rows.Add(row);
                }

                lock (aggregator)
                {
                    rows.ForEach(aggregator.Add);
                }
            });
        return aggregator.Result(request);
    }

    public static string ToCsv(ReportResult result)
    {
        var csv = new StringBuilder();
        Csv.AppendRecord(csv, [.. result.Request.GroupBy, "currency", "conversions", "payout"]);
        foreach (var row in result.Rows)
        {
            Csv.AppendRecord(csv,
            [
                .. row.Dimensions, row.Currency, row.Conversions.ToString(CultureInfo.InvariantCulture),
                row.Payout?.ToString(CultureInfo.InvariantCulture),
            ]);
        }

        return csv.ToString();
    }

    public static void WriteJson(Utf8JsonWriter json, ReportResult result)
    {
        var request = result.Request;
        json.WriteStartObject();
        json.WriteString("from", Day(request.From));
        json.WriteString("to", Day(request.To));
        json.WriteStartArray("groupBy");
        foreach (var name in request.GroupBy)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteNumber("conversions", result.Conversions);
        json.WriteStartArray("totals");
        foreach (var total in result.Totals)
        {
            json.WriteStartObject();
            WriteMoney(json, total.Currency, total.Conversions, total.Payout);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < request.GroupBy.Count; i++)
            {
                json.WriteString(request.GroupBy[i], row.Dimensions[i]);
            }

            WriteMoney(json, row.Currency, row.Conversions, row.Payout);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMoney(Utf8JsonWriter json, string? currency, long conversions, decimal? payout)
    {
        json.WriteString("currency", currency);
        json.WriteNumber("conversions", conversions);
        if (payout is { } amount)
        {
            json.WriteNumber("payout", amount);
        }
        else
        {
            json.WriteNull("payout");
        }
    }

    private static string FileName(ReportRequest request) => $"conversions-{Day(request.From)}-{Day(request.To)}.csv";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

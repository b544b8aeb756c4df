using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Trax.Http;
using Trax.PostbackLog;

namespace Trax.Reports;

/// <summary>
/// Conversion counts and payout sums per currency over UTC days, from the day index that the processor writes (one
/// row per counted conversion, so duplicates, orphans and outside-window conversions are never in it): at most
/// <see cref="ReportRequest.MaxDays"/> × 8 small range queries, a few at a time.
/// </summary>
public sealed class ConversionReport(PostbackLogStore postbackLog)
{
    private const int Concurrency = 8;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (parsed, rejection) = ReportRequest.Parse(request.Query);
        if (rejection is not null)
        {
            return Answers.Rejected(rejection);
        }

        var result = await RunAsync(parsed!, cancellationToken);
        return parsed!.Format == ReportRequest.Csv
            ? Answers.Csv(ToCsv(result), FileName(parsed))
            : Answers.Json(writer => WriteJson(writer, result));
    }

    public async Task<ReportResult> RunAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var aggregator = new ReportAggregator(request.GroupBy);
        foreach (var row in await postbackLog.ReadDayIndexAsync(request.From, request.Days, Concurrency, cancellationToken))
        {
            aggregator.Add(row);
        }

        return aggregator.Result(request);
    }

    public static string ToCsv(ReportResult result)
    {
        var escape = result.Request.EscapeFormulas;
        var csv = new StringBuilder();
        Csv.AppendRecord(csv, [.. result.Request.GroupBy.Select(CsvField.Text), CsvField.Text("currency"), CsvField.Text("conversions"), CsvField.Text("payout")], escape);
        foreach (var row in result.Rows)
        {
            Csv.AppendRecord(csv,
            [
                .. row.Dimensions.Select(CsvField.Text), CsvField.Text(row.Currency),
                CsvField.Number(row.Conversions.ToString(CultureInfo.InvariantCulture)),
                CsvField.Number(row.PayoutOverflow ? "overflow" : row.Payout?.ToString(CultureInfo.InvariantCulture)),
            ], escape);
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
            WriteMoney(json, total.Currency, total.Conversions, total.Payout, total.PayoutOverflow);
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

            WriteMoney(json, row.Currency, row.Conversions, row.Payout, row.PayoutOverflow);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMoney(Utf8JsonWriter json, string? currency, long conversions, decimal? payout, bool overflow)
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

        if (overflow)
        {
            json.WriteBoolean("payoutOverflow", true);
        }
    }

    private static string FileName(ReportRequest request) => $"conversions-{Day(request.From)}-{Day(request.To)}.csv";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Trax.Reports;

namespace Trax.Traffic;

/// <summary>The traffic report as JSON (<c>GET /api/reports/traffic</c>) and as CSV (<c>format=csv</c>), with the conversion report's escaping.</summary>
public static class TrafficOutput
{
    /// <summary>The dimension cells of the CSV row of uploaded costs no row could hold.</summary>
    public const string Unallocated = "(unallocated)";

    public static string ToCsv(TrafficResult result)
    {
        var escape = result.Request.EscapeFormulas;
        var csv = new StringBuilder();
        Csv.AppendRecord(csv, [.. result.Request.GroupBy.Concat(Columns).Select(CsvField.Text)], escape);
        foreach (var (dimensions, figures) in result.Rows)
        {
            Csv.AppendRecord(csv, [.. dimensions.Select(CsvField.Text), .. Values(figures).Select(CsvField.Number)], escape);
        }

        // The CSV has no totals row: an uploaded cost no row can hold gets one, or summing its cost column drops it.
        if (result.Unallocated is { } unallocated)
        {
            var dimensions = result.Request.GroupBy.Select(name => name == "day" ? null : Unallocated);
            Csv.AppendRecord(csv, [.. dimensions.Select(CsvField.Text), .. Values(unallocated).Select(CsvField.Number)], escape);
        }

        return csv.ToString();
    }

    private static readonly string[] Columns = ["clicks", "conversions", "ftd", "reg", "sale", "rejected", "cr", "revenue", "cost", "profit", "roi", "epc"];

    /// <summary>The row's cells: an amount that could not be made is the word that says why, never an empty cell.</summary>
    private static IEnumerable<string?> Values(TrafficFigures f) =>
    [
        Number(f.Clicks), Number(f.Conversions), Number(f.ByType.GetValueOrDefault("ftd")), Number(f.ByType.GetValueOrDefault("reg")),
        Number(f.ByType.GetValueOrDefault("sale")), Number(f.Rejected), Number(f.Cr), Number(f.Revenue) ?? f.RevenueMissing,
        Number(f.Cost) ?? f.CostMissing, Number(f.Profit) ?? f.ProfitMissing, Number(f.Roi) ?? f.RoiMissing, Number(f.Epc) ?? f.EpcMissing,
    ];

    public static void WriteJson(Utf8JsonWriter json, TrafficResult result)
    {
        var request = result.Request;
        json.WriteStartObject();
        ReportJson.WriteRange(json, request.Range.From, request.Range.To, request.Range.Zone.Id, request.GroupBy);
        json.WriteString("currency", result.Currency);

        json.WriteBoolean("complete", result.MissingRates.Count == 0 && !result.RatesUnavailable);
        if (result.RatesUnavailable)
        {
            json.WriteBoolean("ratesUnavailable", true);
        }

        json.WriteStartObject("totals");
        WriteFigures(json, result.Totals);
        json.WriteEndObject();
        if (result.Unallocated is { } unallocated)
        {
            WriteNumber(json, "unallocatedCost", unallocated.Cost);
        }

        ReportJson.WriteMissingRates(json, result.MissingRates);
        json.WriteStartArray("rows");
        foreach (var (dimensions, figures) in result.Rows)
        {
            json.WriteStartObject();
            ReportJson.WriteDimensions(json, request.GroupBy, dimensions);
            WriteFigures(json, figures);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter json, TrafficFigures f)
    {
        json.WriteNumber("clicks", f.Clicks);
        json.WriteNumber("conversions", f.Conversions);
        json.WriteStartObject("byType");
        foreach (var type in new[] { "ftd", "reg", "sale" })
        {
            json.WriteNumber(type, f.ByType.GetValueOrDefault(type));
        }

        json.WriteEndObject();
        json.WriteNumber("rejected", f.Rejected);
        WriteNumber(json, "cr", f.Cr);
        WriteNumber(json, "revenue", f.Revenue);
        WriteNumber(json, "cost", f.Cost);
        WriteNumber(json, "profit", f.Profit);
        WriteNumber(json, "roi", f.Roi);
        WriteNumber(json, "epc", f.Epc);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

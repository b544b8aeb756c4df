using System.Globalization;
using System.Text.Json;
using Trax.Rates;

namespace Trax.Reports;

/// <summary>The parts of a report's JSON that the conversion and traffic reports write alike.</summary>
public static class ReportJson
{
    /// <summary>The request's days, zone and dimensions: <c>from</c>, <c>to</c>, <c>timeZone</c>, <c>groupBy</c>.</summary>
    public static void WriteRange(Utf8JsonWriter json, DateOnly from, DateOnly to, string timeZone, IReadOnlyList<string> groupBy)
    {
        json.WriteString("from", Day(from));
        json.WriteString("to", Day(to));
        json.WriteString("timeZone", timeZone);
        json.WriteStartArray("groupBy");
        foreach (var name in groupBy)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
    }

    /// <summary>One row's dimension values, each under its name.</summary>
    public static void WriteDimensions(Utf8JsonWriter json, IReadOnlyList<string> groupBy, IReadOnlyList<string?> dimensions)
    {
        for (var i = 0; i < groupBy.Count; i++)
        {
            json.WriteString(groupBy[i], dimensions[i]);
        }
    }

    /// <summary><c>missingRates</c>: the day, currency and reason of each rate a conversion to the base currency lacked.</summary>
    public static void WriteMissingRates(Utf8JsonWriter json, IEnumerable<RateLookup> missingRates)
    {
        json.WriteStartArray("missingRates");
        foreach (var missing in missingRates)
        {
            json.WriteStartObject();
            json.WriteString("day", Day(missing.Day));
            json.WriteString("currency", missing.Currency);
            json.WriteString("reason", missing.Missing);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

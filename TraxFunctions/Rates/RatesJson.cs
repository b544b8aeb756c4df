using System.Text.Json;
using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// Reads a day's rates sent as JSON: <c>{"base": "EUR", "rates": {"USD": 1.0823, "JPY": 162.45}}</c>, rates as
/// numbers (read exactly as written, never through a double). Names are case-insensitive; any other property, or
/// one given twice, refuses the body, so a typo never stores half of what was meant.
/// </summary>
public static class RatesJson
{
    public static (DayRates? Rates, Rejection? Rejection) Read(byte[] body, DateOnly day)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(ByteOrderMark.Skipped(body), new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException ex)
        {
            return (null, RateRejections.InvalidBody($"not JSON ({ex.Message})"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, RateRejections.InvalidBody("expected one JSON object with base and rates."));
            }

            string? baseText = null;
            JsonElement? rates = null;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return (null, RateRejections.InvalidBody($"'{Shown(property.Name)}' is given twice."));
                }

                if (string.Equals(property.Name, "base", StringComparison.OrdinalIgnoreCase))
                {
                    baseText = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (baseText is null)
                    {
                        return (null, RateRejections.InvalidBase);
                    }
                }
                else if (string.Equals(property.Name, "rates", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind != JsonValueKind.Object)
                    {
                        return (null, RateRejections.InvalidBody("\"rates\" must be an object of currency codes and numbers."));
                    }

                    rates = property.Value;
                }
                else
                {
                    return (null, RateRejections.InvalidBody($"'{Shown(property.Name)}' is not expected: the body is {{\"base\": \"EUR\", \"rates\": {{\"USD\": 1.0823, …}}}}."));
                }
            }

            if (rates is null)
            {
                return (null, RateRejections.InvalidBody("there is no \"rates\" object."));
            }

            var entries = new List<(string, decimal?)>();
            foreach (var rate in rates.Value.EnumerateObject())
            {
                entries.Add((rate.Name, rate.Value.ValueKind == JsonValueKind.Number && rate.Value.TryGetDecimal(out var value)
                    && RateValues.HasAtMostMaxDecimals(rate.Value.GetRawText()) ? value : null));
            }

            return RateSet.Build(day, baseText, entries, DayRates.PutSource + "json");
        }
    }

    private static string Shown(string name) => InputValues.Printable(name, 64) ?? "";
}

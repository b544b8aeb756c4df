using CsvHelper;
using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// Reads a day's rates sent as CSV (RFC 4180, UTF-8): a header row <c>currency,rate</c>, then one currency per row,
/// rates written with '.' (<c>USD,1.0823</c>). The base is the request's <c>?base=</c>.
/// </summary>
public static class RatesCsv
{
    private static readonly CsvReaderOptions Options = StrictCsv.Options;

    public static (DayRates? Rates, Rejection? Rejection) Read(byte[] body, DateOnly day, string baseText)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, RateRejections.InvalidBody("not UTF-8 text."));
        }

        var entries = new List<(string, decimal?)>();
        try
        {
            using var reader = CsvReader.Create(body, Options);
            var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (header.Count == 0)
            {
                return (null, RateRejections.NoRates);
            }

            if (!header.SequenceEqual(["currency", "rate"]))
            {
                return (null, RateRejections.InvalidBody("the header row must be currency,rate."));
            }

            while (reader.ReadRecord())
            {
                if (entries.Count > RateValues.MaxCurrencies)
                {
                    return (null, RateRejections.TooManyRates);
                }

                entries.Add((reader.GetString(0).Trim(), RateValues.TryParse(reader.GetString(1).Trim(), out var rate) ? rate : null));
            }
        }
        catch (CsvFormatException ex)
        {
            return (null, RateRejections.InvalidBody($"not CSV (line {ex.LineNumber}: {ex.Message})"));
        }

        return RateSet.Build(day, baseText, entries, DayRates.PutSource + "csv");
    }
}

using CsvHelper;

namespace Trax.Input;

/// <summary>
/// How every uploaded CSV is read (conversions, rates, costs, a network's export): RFC 4180, comma-separated, a
/// header row, and anything broken (a stray quote, a quote never closed, a row with more or fewer fields than the
/// header) thrown with its line, so the file is refused whole and nothing of it is stored.
/// </summary>
public static class StrictCsv
{
    public static CsvReaderOptions Options { get; } = new()
    {
        Separator = ',',
        HasHeader = true,
        Mode = CsvMode.Rfc4180,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        TrackLineNumbers = true,

        // The error goes back to the uploader, and into logs: it names the line, not the values.
        IncludeValuesInExceptions = false,
    };
}

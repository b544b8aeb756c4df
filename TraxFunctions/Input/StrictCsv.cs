using CsvHelper;

namespace Trax.Input;

/// <summary>
/// How every uploaded CSV is read (conversions, rates, costs, a network's export): RFC 4180, comma-separated, a
/// header row, and anything broken (a stray quote, a quote never closed, a row with more or fewer fields than the
/// header) thrown with its line, so the file is refused whole and nothing of it is stored. A blank record (every
/// field empty or whitespace: the rows of separators Excel saves after the data, a line of spaces) is no row,
/// wherever it stands: skipped, never counted, never an error; the lines named stay the file's own.
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

        // CsvHelper counts fields before it asks whether to skip a record, so a blank line of spaces or a short row of
        // commas would be refused: the count is checked by ReadRecord, after blank records are skipped.
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        ShouldSkipRecord = IsBlank,
        TrackLineNumbers = true,

        // The error goes back to the uploader, and into logs: it names the line, not the values.
        IncludeValuesInExceptions = false,
    };

    /// <summary>
    /// Advances to the next record that is not blank (<see cref="CsvReader.Read"/>) and refuses one whose field count
    /// is not the header's, with its line, as CsvHelper's own check says it.
    /// </summary>
    public static bool ReadRecord(this CsvReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.FieldCount != reader.Headers.Count)
        {
            var record = reader.RowNumber + 1;
            throw new CsvFormatException(
                $"Record {record} (line {reader.LineNumber}) has {reader.FieldCount} fields but {reader.Headers.Count} were expected.", record, reader.ByteOffset)
            {
                LineNumber = reader.LineNumber,
            };
        }

        return true;
    }

    private static bool IsBlank(CsvRow record)
    {
        for (var i = 0; i < record.FieldCount; i++)
        {
            if (!string.IsNullOrWhiteSpace(record.GetString(i)))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text;
using CsvHelper;
using Trax.Input;

namespace Trax.Uploads;

/// <summary>
/// Reads a conversion upload: RFC 4180 CSV in UTF-8 (comma-separated), a header row naming the columns, then one
/// conversion per row. The whole file is read before anything is queued, so broken CSV (a stray quote, a quote never
/// closed, a row with more or fewer fields than the header) is refused with its line and queues nothing.
/// </summary>
public static class UploadCsv
{
    private static readonly CsvReaderOptions Options = StrictCsv.Options;

    public static UploadFile Read(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return new UploadFile([], UploadRejections.InvalidEncoding);
        }

        try
        {
            using var reader = CsvReader.Create(body, Options);
            var (columns, headerProblem) = Header(reader.Headers);
            if (headerProblem is not null)
            {
                return new UploadFile([], reader.Headers.Count == 0 ? UploadRejections.NoRows : UploadRejections.InvalidHeader(headerProblem));
            }

            var rows = new List<UploadRow>();
            while (reader.ReadRecord())
            {
                if (rows.Count == UploadRejections.MaxRows)
                {
                    return new UploadFile([], UploadRejections.TooManyRows);
                }

                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < columns.Count; i++)
                {
                    fields[columns[i]] = reader.GetString(i);
                }

                rows.Add(new UploadRow(reader.LineNumber, fields, Encoding.UTF8.GetString(reader.RawRecord)));
            }

            return rows.Count == 0 ? new UploadFile([], UploadRejections.NoRows) : new UploadFile(rows, null);
        }
        catch (CsvFormatException ex)
        {
            return new UploadFile([], UploadRejections.InvalidCsv(ex.LineNumber, ex.Message));
        }
    }

    private static (List<string> Columns, string? Problem) Header(IReadOnlyList<string> header)
    {
        var columns = header.Select(c => c.Trim().ToLowerInvariant()).ToList();
        if (columns.Count == 0)
        {
            return (columns, "is missing");
        }

        if (columns.FirstOrDefault(c => !UploadColumns.Required.Contains(c) && !UploadColumns.Optional.Contains(c)) is { } unknown)
        {
            return (columns, $"has a column Trax does not know ('{InputValues.Printable(unknown, 64)}')");
        }

        if (columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return (columns, $"names '{twice.Key}' twice");
        }

        return UploadColumns.Required.FirstOrDefault(c => !columns.Contains(c)) is { } missing
            ? (columns, $"has no '{missing}' column")
            : (columns, null);
    }
}

/// <summary>The rows of an upload, or why the file as a whole was refused.</summary>
public sealed record UploadFile(IReadOnlyList<UploadRow> Rows, Rejection? Rejection);

/// <summary>One row: the line it starts on, its fields by column name, and its text as sent (the audit trail).</summary>
public sealed record UploadRow(long Line, IReadOnlyDictionary<string, string> Fields, string Raw);

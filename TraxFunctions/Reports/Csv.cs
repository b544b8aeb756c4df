using System.Text;

namespace Trax.Reports;

/// <summary>
/// RFC 4180 CSV: records end with CRLF; a field holding a comma, a double quote, CR or LF is enclosed in double
/// quotes, with each quote inside doubled. A text field that a spreadsheet would run as a formula (it starts with
/// <c>= + - @</c>, TAB or CR: OWASP's CSV injection rule) gets a leading <c>'</c> unless the caller asks for the
/// exact values; numbers Trax writes itself are never touched.
/// </summary>
public static class Csv
{
    public const string NewLine = "\r\n";

    public static void AppendRecord(StringBuilder builder, IEnumerable<CsvField> fields, bool escapeFormulas)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                builder.Append(',');
            }

            AppendField(builder, field.IsText && escapeFormulas ? EscapeFormula(field.Value) : field.Value);
            first = false;
        }

        builder.Append(NewLine);
    }

    /// <summary>The value with a leading <c>'</c> when a spreadsheet would take it for a formula.</summary>
    public static string? EscapeFormula(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    public static void AppendField(StringBuilder builder, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return;
        }

        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            builder.Append(field);
            return;
        }

        builder.Append('"');
        foreach (var c in field)
        {
            if (c == '"')
            {
                builder.Append('"');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }
}

/// <summary>One CSV field: text from storage (which may need formula escaping), or a number Trax formatted.</summary>
public readonly record struct CsvField(string? Value, bool IsText)
{
    public static CsvField Text(string? value) => new(value, true);

    public static CsvField Number(string? value) => new(value, false);
}

using System.Text;

namespace Trax.Reports;

/// <summary>
/// RFC 4180 CSV: records end with CRLF; a field holding a comma, a double quote, CR or LF is enclosed in double
/// quotes, with each quote inside doubled. A text field that a spreadsheet would run as a formula (OWASP's CSV
/// injection rule: it starts with <c>= + - @</c>, TAB or CR; and, as spreadsheets read them, the same signs behind
/// leading blanks or controls, or in fullwidth: <see cref="EscapeFormula"/>) gets a leading <c>'</c> unless the caller
/// asks for the exact values; numbers Trax writes itself are never touched, so a negative amount stays a number.
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

    /// <summary>
    /// The value with a leading <c>'</c> when a spreadsheet would take it for a formula: it starts with a control
    /// character (TAB, CR, LF, NUL…), or its first character that is not whitespace, a control or an invisible format
    /// character (a zero-width space, a byte order mark) is <c>= + - @</c> or
    /// one of their fullwidth forms <c>＝ ＋ － ＠</c> (some spreadsheets, or their import's trimming, drop leading
    /// blanks, and some read what an IME types as the ASCII sign).
    /// </summary>
    public static string? EscapeFormula(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (char.IsControl(value[0]))
        {
            return "'" + value;
        }

        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                return c is '=' or '+' or '-' or '@' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20' ? "'" + value : value;
            }
        }

        return value;
    }

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

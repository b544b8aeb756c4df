using System.Text;

namespace Trax.Reports;

/// <summary>
/// RFC 4180 CSV: records end with CRLF; a field holding a comma, a double quote, CR or LF is enclosed in double
/// quotes, with each quote inside doubled; other fields are written as they are (null as empty). Values are not
/// altered in any other way, so a parser gets back exactly what was written.
/// </summary>
public static class Csv
{
    public const string NewLine = "\r\n";

    public static void AppendRecord(StringBuilder builder, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                builder.Append(',');
            }

            AppendField(builder, field);
            first = false;
        }

        builder.Append(NewLine);
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

using System.Text;

namespace Trax.Testing;

/// <summary>
/// A strict RFC 4180 reader for tests: CRLF between records (and after the last), quoted fields with doubled
/// quotes, no bare quote, CR or LF in an unquoted field, the same number of fields in every record. It throws
/// <see cref="FormatException"/> on anything else, so parsing a document back is a validity check.
/// </summary>
public static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("A quoted field is not closed.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] != ',' && text[i] != '\r')
                {
                    if (text[i] is '"' or '\n')
                    {
                        throw new FormatException($"Unquoted field holds {(text[i] == '"' ? "a quote" : "a bare LF")} at {i}.");
                    }

                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i + 1 >= text.Length || text[i] != '\r' || text[i + 1] != '\n')
            {
                throw new FormatException($"Expected ',' or CRLF after a field at {i}.");
            }

            i += 2;
            if (records.Count > 0 && records[0].Length != fields.Count)
            {
                throw new FormatException($"Record {records.Count + 1} has {fields.Count} fields, the header {records[0].Length}.");
            }

            records.Add([.. fields]);
            fields.Clear();
        }

        return records;
    }
}

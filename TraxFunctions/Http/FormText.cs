using System.Text;
using Microsoft.Extensions.Primitives;

namespace Trax.Http;

/// <summary>
/// A form's fields written back as one text, <c>name=value&amp;name=value</c>, close to what was sent: only the
/// characters that would change how it parses back (<c>% &amp; = +</c>) and control characters are percent-encoded,
/// so that non-ASCII text keeps its length (percent-encoding every byte would triple it). It parses back with
/// QueryHelpers.ParseQuery to the same fields.
/// </summary>
public static class FormText
{
    public static string Write(IEnumerable<KeyValuePair<string, StringValues>> fields)
    {
        var text = new StringBuilder();
        foreach (var (name, values) in fields)
        {
            foreach (var value in values)
            {
                if (text.Length > 0)
                {
                    text.Append('&');
                }

                Append(text, name);
                text.Append('=');
                Append(text, value ?? "");
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '%' or '&' or '=' or '+' || Rune.IsControl(rune))
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                text.Append(rune.ToString());
            }
        }
    }
}

using System.Text;
using System.Text.Encodings.Web;

namespace Trax.Forwards;

/// <summary>
/// A forward's URL or body with <c>{macro}</c>s, parsed once when the forward is loaded so that each conversion only
/// concatenates. A macro is <c>{</c>, one or more of <c>[A-Za-z0-9_]</c>, <c>}</c>, named case-insensitively; every
/// other character, other braces included (a JSON body's own <c>{ }</c>), is literal text.
/// </summary>
public sealed class ForwardTemplate
{
    // Literal text, or a macro's lower-case name; one list keeps them in template order.
    private readonly record struct Segment(string Text, bool IsMacro);

    private readonly Segment[] segments;
    private readonly int literalLength;

    private ForwardTemplate(string template, Segment[] segments, IReadOnlyList<string> macros)
    {
        Template = template;
        this.segments = segments;
        Macros = macros;
        literalLength = segments.Where(s => !s.IsMacro).Sum(s => s.Text.Length);
    }

    /// <summary>The template as written.</summary>
    public string Template { get; }

    /// <summary>The distinct macros the template uses, in lower case, in order of first use.</summary>
    public IReadOnlyList<string> Macros { get; }

    /// <summary>
    /// False when a macro-shaped <c>{name}</c> is not one of <see cref="ForwardMacros.All"/>: a typo would otherwise
    /// be sent to the destination as literal text. <paramref name="unknownMacro"/> is its name as written.
    /// </summary>
    public static bool TryParse(string template, out ForwardTemplate? parsed, out string? unknownMacro)
    {
        ArgumentNullException.ThrowIfNull(template);

        var segments = new List<Segment>();
        var macros = new List<string>();
        var literalStart = 0;
        var i = 0;
        while (i < template.Length)
        {
            var end = template[i] == '{' ? MacroEnd(template, i) : -1;
            if (end < 0)
            {
                i++;
                continue;
            }

            var name = template[(i + 1)..end];
            if (!ForwardMacros.IsKnown(name))
            {
                parsed = null;
                unknownMacro = name;
                return false;
            }

            if (i > literalStart)
            {
                segments.Add(new Segment(template[literalStart..i], IsMacro: false));
            }

            var lower = name.ToLowerInvariant();
            segments.Add(new Segment(lower, IsMacro: true));
            if (!macros.Contains(lower))
            {
                macros.Add(lower);
            }

            i = literalStart = end + 1;
        }

        if (literalStart < template.Length)
        {
            segments.Add(new Segment(template[literalStart..], IsMacro: false));
        }

        parsed = new ForwardTemplate(template, [.. segments], macros.AsReadOnly());
        unknownMacro = null;
        return true;
    }

    /// <summary>
    /// The template with each macro replaced by its value in <paramref name="values"/> (keyed by the lower-case
    /// name), escaped for <paramref name="encoding"/>; a missing or null value is empty.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, string?> values, MacroEncoding encoding) =>
        TryRender(values, encoding, int.MaxValue, out var text) ? text : throw new InvalidOperationException("Unreachable: no length limit.");

    /// <summary>
    /// <see cref="Render"/>, stopping as soon as the text grows past <paramref name="maxLength"/> characters (then
    /// false and no text): a template saved before templates were bounded is never built whole in memory.
    /// </summary>
    public bool TryRender(IReadOnlyDictionary<string, string?> values, MacroEncoding encoding, int maxLength, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        ArgumentNullException.ThrowIfNull(values);

        var rendered = new StringBuilder(Math.Min(maxLength, literalLength + 32 * Macros.Count));
        foreach (var segment in segments)
        {
            if (!segment.IsMacro)
            {
                rendered.Append(segment.Text);
            }
            else if (values.TryGetValue(segment.Text, out var value) && !string.IsNullOrEmpty(value))
            {
                rendered.Append(Encode(value, encoding));
            }

            if (rendered.Length > maxLength)
            {
                text = null;
                return false;
            }
        }

        text = rendered.ToString();
        return true;
    }

    /// <summary>
    /// The longest text this template can render with values Trax accepts today (<see cref="ForwardMacros"/>' bounds),
    /// each character of a value at its longest encoding: 9 characters in a URL or form body (a character of 3 UTF-8
    /// bytes, each <c>%XX</c>), 6 in JSON (<c>\uXXXX</c>).
    /// </summary>
    public long LongestRendering(MacroEncoding encoding)
    {
        var perCharacter = encoding switch
        {
            MacroEncoding.Url => 9,
            MacroEncoding.Json => 6,
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown macro encoding."),
        };
        return literalLength + segments.Where(s => s.IsMacro).Sum(s => (long)ForwardMacros.LongestValue(s.Text) * perCharacter);
    }

    private static string Encode(string value, MacroEncoding encoding) => encoding switch
    {
        MacroEncoding.Url => Uri.EscapeDataString(value),
        // System.Text.Json's own escaper rather than a hand-written one: it escapes '"', '\' and control characters
        // (\n, \t and the like in their short forms, the rest as \uXXXX) and replaces a lone surrogate, which could
        // not be sent as UTF-8. "Unsafe" only means not fit for embedding in HTML (it leaves <, >, &, ' and non-ASCII
        // letters as they are, which keeps the body readable); a forward's body goes to a server, never into a page.
        MacroEncoding.Json => JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown macro encoding."),
    };

    /// <summary>The index of the '}' closing a macro that opens at <paramref name="open"/>, or -1 if none does.</summary>
    private static int MacroEnd(string template, int open)
    {
        var i = open + 1;
        while (i < template.Length && (char.IsAsciiLetterOrDigit(template[i]) || template[i] == '_'))
        {
            i++;
        }

        return i > open + 1 && i < template.Length && template[i] == '}' ? i : -1;
    }
}

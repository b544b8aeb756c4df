namespace Trax.Forwards;

/// <summary>How a macro's value is escaped for the place the template puts it.</summary>
public enum MacroEncoding
{
    /// <summary>Percent-encoded: a URL's path or query, or an <c>application/x-www-form-urlencoded</c> body.</summary>
    Url,

    /// <summary>Escaped as the inside of a JSON string; the template writes the quotes.</summary>
    Json,
}

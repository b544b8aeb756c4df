namespace Trax.Forwards;

/// <summary>The request a forward makes for one conversion's values: what the sender sends and the preview shows.</summary>
public sealed record RenderedForward(string Method, string Url, string? ContentType, string? Body)
{
    /// <summary>
    /// Fills the forward's URL (and, for a POST, its body) with the values, each macro encoded for where it sits. Null,
    /// with the part that would be too long ("URL" or "body"), when a rendering is longer than Trax sends.
    /// </summary>
    public static (RenderedForward? Request, string? TooLong) Render(
        Forward forward, IReadOnlyDictionary<string, string?> values, Func<string, ForwardTemplate> template)
    {
        if (!template(forward.Url).TryRender(values, MacroEncoding.Url, ForwardRejections.MaxRenderedLength, out var url))
        {
            return (null, "URL");
        }

        if (forward.Method != "POST")
        {
            return (new RenderedForward("GET", url, null, null), null);
        }

        var json = forward.BodyFormat == "json";
        if (!template(forward.Body ?? "").TryRender(values, json ? MacroEncoding.Json : MacroEncoding.Url, ForwardRejections.MaxRenderedLength, out var body))
        {
            return (null, "body");
        }

        return (new RenderedForward("POST", url, json ? "application/json" : "application/x-www-form-urlencoded", body), null);
    }
}

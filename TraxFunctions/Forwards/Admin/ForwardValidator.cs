using Trax.Core;
using Trax.Input;

namespace Trax.Forwards;

/// <summary>Turns a <see cref="ForwardRequest"/> into a <see cref="Forward"/>, or the reason it cannot be one.</summary>
public static class ForwardValidator
{
    public const int MaxUrlLength = 2048;

    /// <param name="request">The body.</param>
    /// <param name="pathId">The id from <c>/api/forwards/{id}</c>, which the body may repeat but not contradict.</param>
    /// <param name="allowPrivateDestinations">Whether a literal loopback or private address may be the host.</param>
    public static (Forward? Forward, Rejection? Rejection) Validate(ForwardRequest request, string pathId, bool allowPrivateDestinations)
    {
        if (Slug.Normalize(pathId) is not { } id)
        {
            return (null, ForwardRejections.InvalidForwardId);
        }

        if (request.Id is not null && Slug.Normalize(request.Id.Trim()) != id)
        {
            return (null, ForwardRejections.ForwardIdMismatch);
        }

        var url = request.Url?.Trim();
        if (CheckUrl(url, allowPrivateDestinations) is { } badUrl)
        {
            return (null, badUrl);
        }

        var method = (request.Method?.Trim() ?? "GET").ToUpperInvariant();
        var format = request.BodyFormat?.Trim().ToLowerInvariant();
        if (method is not ("GET" or "POST")
            || (method == "GET" && (format is not null || request.Body is not null))
            || (format is not (null or "form" or "json")))
        {
            return (null, ForwardRejections.InvalidMethod);
        }

        if (request.Body is { } body)
        {
            if (body.Length > ForwardRejections.MaxTemplateLength || body.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')))
            {
                return (null, ForwardRejections.InvalidBodyTemplate);
            }

            if (!ForwardTemplate.TryParse(body, out var bodyTemplate, out var unknown))
            {
                return (null, ForwardRejections.UnknownMacro(unknown!));
            }

            if (bodyTemplate!.LongestRendering(format == "json" ? MacroEncoding.Json : MacroEncoding.Url) > ForwardRejections.MaxRenderedLength)
            {
                return (null, ForwardRejections.TemplateTooLarge("body"));
            }
        }

        if (Filters(request) is not { } filters)
        {
            return (null, ForwardRejections.InvalidFilter);
        }

        if (request.TimeoutSeconds is < 1 or > ForwardRejections.MaxTimeoutSeconds)
        {
            return (null, ForwardRejections.InvalidTimeout);
        }

        return (new Forward
        {
            Id = id,
            Url = url!,
            Method = method,
            BodyFormat = method == "POST" ? format ?? "form" : null,
            Body = method == "POST" ? request.Body ?? "" : null,
            Enabled = request.Enabled ?? true,
            Filters = filters,
            TimeoutSeconds = request.TimeoutSeconds ?? Forward.DefaultTimeoutSeconds,
        }, null);
    }

    /// <summary>Null when the URL template is usable: printable ASCII, known macros, absolute http(s) once filled.</summary>
    private static Rejection? CheckUrl(string? url, bool allowPrivateDestinations)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxUrlLength || url.AsSpan().ContainsAnyExceptInRange('\u0021', '\u007E'))
        {
            return ForwardRejections.InvalidUrl;
        }

        if (!ForwardTemplate.TryParse(url, out var template, out var unknown))
        {
            return ForwardRejections.UnknownMacro(unknown!);
        }

        // A macro may fill the path, the query or the fragment, never the scheme, host or port: a click's value must
        // not choose where the forward (and the secrets in its URL) goes, nor make a URL that cannot be sent.
        var authority = url.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authority);
        if (url.AsSpan(0, authorityEnd < 0 ? url.Length : authorityEnd).Contains('{'))
        {
            return ForwardRejections.InvalidUrl;
        }

        // Judge the URL that will be sent, with a value in every macro.
        var sample = template!.Render(ForwardMacros.All.ToDictionary(m => m, _ => (string?)"x"), MacroEncoding.Url);
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Host.Length == 0)
        {
            return ForwardRejections.InvalidUrl;
        }

        if (template.LongestRendering(MacroEncoding.Url) > ForwardRejections.MaxRenderedLength)
        {
            return ForwardRejections.TemplateTooLarge("url");
        }

        // A host name is checked on every connection (it may resolve anywhere); a literal address can be refused now.
        return DestinationGuard.IsAllowedLiteral(uri.Host, allowPrivateDestinations) ? null : ForwardRejections.PrivateDestination;
    }

    private static ForwardFilters? Filters(ForwardRequest request)
    {
        var types = Values(request.Types, v => ConversionTypeNames.TryParse(v, out var t) ? t.ToName() : null);
        var statuses = Values(request.Statuses, v => ConversionStatusNames.TryParse(v, out var s) ? s.ToName() : null);
        var networks = Values(request.Networks, v => OptionalField.Problem(v) is null ? v : null);
        var links = Values(request.Links, Slug.Normalize);
        var campaigns = Values(request.Campaigns, v => OptionalField.Problem(v) is null ? v : null);

        // Missing means attributed only (what forwards did before the filter), so an empty list, which every other
        // filter reads as any, would be ambiguous: refused.
        var attribution = request.Attribution is { Count: 0 }
            ? (null, true)
            : Values(request.Attribution, v => Attributions.All.FirstOrDefault(a => string.Equals(a, v, StringComparison.OrdinalIgnoreCase)));
        return types is { Invalid: false } && statuses is { Invalid: false } && networks is { Invalid: false } && links is { Invalid: false }
            && campaigns is { Invalid: false } && attribution is { Invalid: false }
            ? new ForwardFilters(types.Values, statuses.Values, networks.Values, links.Values, campaigns.Values, attribution.Values)
            : null;
    }

    /// <summary>A filter's values, each trimmed and normalised; invalid when one is not a value, or there are too many.</summary>
    private static (IReadOnlyList<string>? Values, bool Invalid) Values(IReadOnlyList<string>? given, Func<string, string?> normalize)
    {
        if (given is null || given.Count == 0)
        {
            return (null, false);
        }

        if (given.Count > ForwardRejections.MaxFilterValues)
        {
            return (null, true);
        }

        var values = given.Select(v => v is null ? null : normalize(v.Trim())).ToList();
        return values.Any(v => string.IsNullOrEmpty(v)) ? (null, true) : ([.. values.Distinct(StringComparer.Ordinal)!], false);
    }
}

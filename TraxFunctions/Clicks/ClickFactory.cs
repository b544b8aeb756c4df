using System.Net;
using Microsoft.Extensions.Primitives;
using Trax.Core;
using Trax.Input;
using Trax.Links;

namespace Trax.Clicks;

/// <summary>
/// Builds every click, from a visit to <c>/go</c> and from a registration on <c>/api/clicks</c> alike: the link's
/// fields (overridable by a registration), the visit's source and sub-ids by the optional-field rule, the referring
/// page when no source was given, a bounded User-Agent and a protected IP.
/// </summary>
public sealed class ClickFactory(IpPrivacy ipPrivacy)
{
    public static readonly string[] SubIdNames = ["sub1", "sub2", "sub3", "sub4", "sub5"];

    public Click Create(ClickDetails details, Warnings warnings)
    {
        var link = details.Link;
        var window = link?.AttributionWindowDays;
        if (details.AttributionWindowDays is { } days)
        {
            if (days is >= 1 and <= LinkValidator.MaxAttributionWindowDays)
            {
                window = days;
            }
            else
            {
                warnings.Add("attributionWindowDays", "out-of-range");
            }
        }

        // Read in the order the fields are listed, so that warnings come in that order too.
        var network = OptionalField.Read(details.Network, "network", warnings) ?? link?.Network;
        var program = OptionalField.Read(details.Program, "program", warnings) ?? link?.Program;
        var campaign = OptionalField.Read(details.Campaign, "campaign", warnings) ?? link?.Campaign;
        var source = OptionalField.Read(details.Source, "source", warnings) ?? SourceFromReferer(details.Referer);
        var subs = SubIdNames.Select((name, i) => OptionalField.Read(details.SubIds.ElementAtOrDefault(i), name, warnings)).ToArray();
        var ip = details.Ip is { } address ? ipPrivacy.Protect(address) : default;

        // A bad cost never stops a click: dropped with a warning (the registration refuses it before it gets here).
        var (cost, costCurrency, badCost) = Cost.Read(Sent(details.Cost, "cost", warnings), Sent(details.CostCurrency, "currency", warnings), Cost.MaxPerClick);
        if (badCost is not null)
        {
            warnings.Add(badCost == Cost.InvalidCostCurrency ? "currency" : "cost", "invalid");
        }

        return new Click
        {
            ClickId = details.ClickId,
            ClickedAt = details.ClickedAt,
            Via = details.Via,
            Attributes = new ClickAttributes
            {
                LinkId = details.LinkId ?? link?.Id,
                Network = network,
                Program = program,
                Campaign = campaign,
                Source = source,
                Sub1 = subs[0],
                Sub2 = subs[1],
                Sub3 = subs[2],
                Sub4 = subs[3],
                Sub5 = subs[4],
            },
            AttributionWindowDays = window,
            UserAgent = UserAgent.Normalize(details.UserAgent),
            IpHash = ip.Hash,
            IpPrefix = ip.Prefix,
            Warnings = warnings.ToList(),
            Cost = cost,
            CostCurrency = costCurrency,
        };
    }

    /// <summary>
    /// A cost's or currency's text as sent (<see cref="InputValues.FirstSent"/>: a repeat, or a placeholder beside the
    /// value, is warned of); a placeholder alone is no value. Its meaning is <see cref="Cost.Read"/>'s to judge.
    /// </summary>
    private static string? Sent(StringValues values, string name, Warnings warnings)
    {
        var value = InputValues.FirstSent(values, out var differing, out var placeholderBeside);
        if (differing)
        {
            warnings.Add(name, "multiple-values");
        }

        if (placeholderBeside || (value is not null && NetworkMacro.IsPlaceholder(value)))
        {
            warnings.Add(name, "unreplaced-macro");
            return placeholderBeside ? value : null;
        }

        return value;
    }

    /// <summary>The referring page without its query or fragment (which may hold personal data): origin + path.</summary>
    public static string? SourceFromReferer(string? referer)
    {
        if (!Uri.TryCreate(referer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var source = $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";
        return source.Length <= OptionalField.MaxLength ? source : source[..OptionalField.MaxLength];
    }
}

/// <summary>What a click is made from; values are raw (a query's or a JSON body's) until the factory reads them.</summary>
public sealed record ClickDetails(string ClickId, DateTimeOffset ClickedAt, string Via)
{
    /// <summary>The link followed or named; its network, program, campaign and window are the defaults.</summary>
    public Link? Link { get; init; }

    /// <summary>A link id named by a registration, kept even when no such link is known.</summary>
    public string? LinkId { get; init; }

    public StringValues Network { get; init; }

    public StringValues Program { get; init; }

    public StringValues Campaign { get; init; }

    public int? AttributionWindowDays { get; init; }

    public StringValues Source { get; init; }

    /// <summary>sub1 to sub5, in order.</summary>
    public IReadOnlyList<StringValues> SubIds { get; init; } = [];

    public string? Referer { get; init; }

    public string? UserAgent { get; init; }

    public IPAddress? Ip { get; init; }

    /// <summary>The click's cost and its currency as sent (<see cref="Input.Cost"/> reads them).</summary>
    public StringValues Cost { get; init; }

    public StringValues CostCurrency { get; init; }
}

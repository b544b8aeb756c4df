using Trax.Input;

namespace Trax.Links;

/// <summary>Turns a <see cref="LinkRequest"/> into a <see cref="Link"/> or the reason it cannot be one.</summary>
public static class LinkValidator
{
    public const int MaxAttributionWindowDays = 3650;

    /// <param name="request">The body.</param>
    /// <param name="pathId">The id from <c>/api/links/{id}</c> (PUT), which the body may repeat but not contradict.</param>
    public static LinkValidation Validate(LinkRequest request, string? pathId = null)
    {
        string? id;
        if (pathId is not null)
        {
            id = LinkId.Normalize(pathId);
            if (id is null)
            {
                return Refused(LinkRejections.InvalidLinkId);
            }

            if (request.Id is not null && LinkId.Normalize(request.Id.Trim()) != id)
            {
                return Refused(LinkRejections.LinkIdMismatch);
            }
        }
        else
        {
            id = LinkId.Normalize(request.Id?.Trim());
            if (id is null)
            {
                return Refused(LinkRejections.InvalidLinkId);
            }
        }

        var destination = request.Destination?.Trim();
        if (LinkTemplate.Check(destination) is { } badDestination)
        {
            return Refused(badDestination);
        }

        var network = request.Network?.Trim();
        var program = request.Program?.Trim();
        var campaign = request.Campaign?.Trim();
        if (string.IsNullOrEmpty(network) || string.IsNullOrEmpty(program))
        {
            return Refused(LinkRejections.MissingField);
        }

        if (string.IsNullOrEmpty(campaign))
        {
            campaign = null;
        }

        foreach (var (name, value) in new[] { ("network", network), ("program", program), ("campaign", campaign) })
        {
            if (value is not null && OptionalField.Problem(value) is { } problem)
            {
                return Refused(LinkRejections.InvalidField with { Message = $"{name}: {problem}. {LinkRejections.InvalidField.Message}" });
            }
        }

        if (request.AttributionWindowDays is < 1 or > MaxAttributionWindowDays)
        {
            return Refused(LinkRejections.InvalidAttributionWindow);
        }

        return new LinkValidation(
            new Link(id, destination!, network, program, campaign, request.AttributionWindowDays, request.Enabled ?? true), null);
    }

    private static LinkValidation Refused(Rejection rejection) => new(null, rejection);
}

/// <summary>Either a valid link or the reason it was refused.</summary>
public readonly record struct LinkValidation(Link? Link, Rejection? Rejection);

using Trax.Input;

namespace Trax.Forwards;

/// <summary>Reads <c>GET /api/forwards/{id}/deliveries?date=YYYY-MM-DD[&amp;outcome=…][&amp;limit=…][&amp;continuationToken=…]</c>.</summary>
public static class ForwardDeliveryQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static (DeliveryQuery? Query, Rejection? Rejection) Parse(string forwardId, IQueryCollection parameters)
    {
        var reader = new QueryReader(parameters);
        var date = reader.RequiredDay("date");
        var outcome = reader.Optional("outcome")?.ToLowerInvariant();
        if (outcome is not null && !ForwardDeliveryOutcomes.All.Contains(outcome))
        {
            reader.Fail(ForwardRejections.InvalidOutcome);
        }

        var limit = reader.Number("limit", 1, MaxLimit, ForwardRejections.InvalidLimit) ?? DefaultLimit;
        var token = reader.Optional("continuationToken");
        if (token is not null && date is { } day && !ForwardDeliveryStore.IsValidToken(token, forwardId, day))
        {
            reader.Fail(ForwardRejections.InvalidContinuationToken);
        }

        return reader.Rejection is { } rejection ? (null, rejection) : (new DeliveryQuery(forwardId, date!.Value, outcome, limit, token), null);
    }
}

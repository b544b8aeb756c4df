using Trax.Input;
using Trax.Zones;

namespace Trax.Forwards;

/// <summary>
/// Reads <c>GET /api/forwards/{id}/deliveries?date=YYYY-MM-DD[&amp;tz=…][&amp;outcome=…][&amp;limit=…][&amp;continuationToken=…]</c>.
/// The day is the zone's (<c>tz=</c>, else <c>Trax__Reports__TimeZone</c>, else UTC), as on the postback log: a UTC
/// day is one partition, any other zone's day the partitions of the UTC days it touches.
/// </summary>
public static class ForwardDeliveryQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static (DeliveryQuery? Query, Rejection? Rejection) Parse(string forwardId, IQueryCollection parameters, TimeZones zones)
    {
        var reader = new QueryReader(parameters);
        var date = reader.RequiredDay("date");
        var zone = zones.Read(reader);
        var days = date is { } d && zone is not null ? zone.Days(d, d) : null;
        var outcome = reader.Optional("outcome")?.ToLowerInvariant();
        if (outcome is not null && !ForwardDeliveryOutcomes.All.Contains(outcome))
        {
            reader.Fail(ForwardRejections.InvalidOutcome);
        }

        var limit = reader.Number("limit", 1, MaxLimit, ForwardRejections.InvalidLimit) ?? DefaultLimit;
        var token = reader.Optional("continuationToken");
        if (token is not null && date is { } day && days is not null
            && !(ReferenceEquals(days.Zone, Zone.Utc)
                ? ForwardDeliveryStore.IsValidToken(token, forwardId, day)
                : ForwardDeliveryStore.IsValidIntervalToken(token, forwardId, days)))
        {
            reader.Fail(ForwardRejections.InvalidContinuationToken);
        }

        return reader.Rejection is { } rejection
            ? (null, rejection)
            : (new DeliveryQuery(forwardId, date!.Value, outcome, limit, token) { Days = days! }, null);
    }
}

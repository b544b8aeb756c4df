using System.Globalization;
using System.Text.Json;
using Trax.Conversions;
using Trax.Forwards;
using Trax.Http;
using Trax.Input;
using Trax.PostbackLog;
using Trax.Zones;

namespace Trax.ConversionSearch;

/// <summary>
/// Every delivery attempt of one conversion, across the forwards that exist now, newest first, in the items' shape of
/// <c>/api/forwards/{id}/deliveries</c>. The delivery log is one partition per forward and UTC day, so the read is one
/// query per forward and UTC day, filtered in storage on the conversion id: the zone days asked for
/// (<c>from</c>/<c>to</c>, <see cref="ConversionLogDays"/>), else the window from the zone day the conversion was received
/// (a point read tells it, and that it exists); of the UTC days' attempts, those made inside the zone days.
/// </summary>
public sealed class ConversionDeliveries(
    ForwardStore forwards, ForwardDeliveryStore deliveries, ConversionStore conversions, TimeZones zones, TimeProvider time, ILogger<ConversionDeliveries> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var conversionId = reader.Required("conversion");
        var (zone, asked) = ConversionLogDays.Read(reader, zones);
        if (reader.Rejection is { } rejection)
        {
            return Refuse(rejection);
        }

        if (ConversionKeys.ParseConversionId(conversionId) is not { } key)
        {
            return Refuse(SearchRejections.InvalidConversionId);
        }

        var conversion = await conversions.FindAsync(key.ClickId, key.Key, cancellationToken);
        if (conversion is null)
        {
            return Refuse(SearchRejections.UnknownConversion);
        }

        var window = asked ?? ConversionLogDays.Window(zone!, conversion.ReceivedAt, time.GetUtcNow(), SearchDays.MaxDays);
        var days = window.UtcDays;
        var all = await forwards.ListAsync(cancellationToken);

        // Per day, every forward's partition at once; four days at a time.
        var found = await days.ReadEachAsync(
            4,
            async (day, ct) => (await Task.WhenAll(all.Select(f => deliveries.ReadConversionAsync(f.Id, day, conversionId!, ct)))).SelectMany(d => d).ToList(),
            cancellationToken);
        var items = found.Where(d => window.Range.Contains(d.At))
            .OrderByDescending(d => d.At).ThenBy(d => d.ForwardId, StringComparer.Ordinal).ThenByDescending(d => d.Attempt)
            .Select(d => d.In(window.Zone)).ToList();
        Log.Read(logger, nameof(ConversionSearchApi.ListConversionDeliveries), days.Count, window.Range.Days, items.Count);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("conversionId", conversionId);
            json.WriteString("from", window.Range.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", window.Range.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("timeZone", window.Zone.Id);
            json.WriteNumber("forwards", all.Count);
            json.WriteNumber("count", items.Count);
            json.WriteStartArray("items");
            foreach (var item in items)
            {
                JsonSerializer.Serialize(json, item, ForwardsJsonContext.Default.ForwardDelivery);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private IActionResult Refuse(Rejection rejection)
    {
        Log.Refused(logger, nameof(ConversionSearchApi.ListConversionDeliveries), rejection.Reason);
        return Answers.Rejected(rejection);
    }
}

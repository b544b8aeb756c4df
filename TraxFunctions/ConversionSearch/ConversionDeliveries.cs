using System.Globalization;
using System.Text.Json;
using Trax.Conversions;
using Trax.Forwards;
using Trax.Http;
using Trax.Input;
using Trax.PostbackLog;

namespace Trax.ConversionSearch;

/// <summary>
/// Every delivery attempt of one conversion, across the forwards that exist now, newest first, in the items' shape of
/// <c>/api/forwards/{id}/deliveries</c>. The delivery log is one partition per forward and UTC day, so the read is one
/// query per forward and day, filtered in storage on the conversion id: the days asked for (<c>from</c>/<c>to</c>),
/// else the window from the day the conversion was received (a point read tells it, and that it exists).
/// </summary>
public sealed class ConversionDeliveries(ForwardStore forwards, ForwardDeliveryStore deliveries, ConversionStore conversions, TimeProvider time, ILogger<ConversionDeliveries> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var conversionId = reader.Required("conversion");
        var asked = SearchDays.Read(reader, required: false);
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

        var days = asked ?? SearchDays.Starting(PostbackLogKeys.LogDay(conversion.ReceivedAt), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var all = await forwards.ListAsync(cancellationToken);

        // Per day, every forward's partition at once; four days at a time.
        var found = await days.ReadEachAsync(
            4,
            async (day, ct) => (await Task.WhenAll(all.Select(f => deliveries.ReadConversionAsync(f.Id, day, conversionId!, ct)))).SelectMany(d => d).ToList(),
            cancellationToken);
        var items = found.OrderByDescending(d => d.At).ThenBy(d => d.ForwardId, StringComparer.Ordinal).ThenByDescending(d => d.Attempt).ToList();
        Log.Read(logger, nameof(ConversionSearchApi.ListConversionDeliveries), days.Count, days.Count, items.Count);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("conversionId", conversionId);
            json.WriteString("from", days.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", days.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
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

using System.Text.Json;
using Trax.Conversions;
using Trax.Core;
using Trax.Http;
using Trax.Input;
using Trax.Zones;

namespace Trax.Reports;

/// <summary>
/// Every conversion of one click id: where it stands now (status, payout), its attribution (as reports count it) and
/// flags, the callback that created it and where it came from, and its history, one entry per postback that changed it
/// or came too late to: one partition query through the conversion store.
/// </summary>
public sealed class ConversionLookup(ConversionStore conversions, TimeZones zones)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var clickId = reader.ClickId();
        var zone = zones.Read(reader);
        if (reader.Rejection is { } rejection)
        {
            return Answers.Rejected(rejection);
        }

        var found = await conversions.ListAsync(clickId!, cancellationToken);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("clickid", clickId);
            json.WriteString("timeZone", zone!.Id);
            json.WriteNumber("count", found.Count);
            json.WriteStartArray("conversions");
            foreach (var (conversion, history) in found)
            {
                Write(json, conversion, history, zone);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>One conversion; its times at the zone's offset then (<c>tz=</c>, else the setting).</summary>
    private static void Write(Utf8JsonWriter json, Conversion conversion, IReadOnlyList<HistoryEntry> history, Zone zone)
    {
        json.WriteStartObject();
        json.WriteString("key", conversion.Key);

        // What a forward's {conversionid} carries and what a replay names.
        json.WriteString("conversionId", ConversionKeys.ConversionId(conversion.ClickId, conversion.Key));
        json.WriteString("type", conversion.Type.ToName());
        json.WriteString("clickId", conversion.ClickId);
        json.WriteIfSet("network", conversion.Postback.Network);
        json.WriteIfSet("program", conversion.Postback.Program);
        json.WriteIfSet("txId", conversion.TxId);
        json.WriteString("status", conversion.State.Status.ToName());
        json.WriteIfSet("statusRaw", conversion.State.StatusRaw);
        json.WriteIfSet("payout", conversion.State.Payout is { } payout ? Payout.Format(payout) : null);
        json.WriteIfSet("currency", conversion.State.Currency);
        json.WriteString("postbackId", conversion.PostbackId);
        json.WriteString("receivedAt", zone.Local(conversion.ReceivedAt));
        json.WriteString("processedAt", zone.Local(conversion.ProcessedAt));
        json.WriteIfSet("warnings", conversion.Postback.Warnings.Count > 0 ? string.Join(';', conversion.Postback.Warnings) : null);
        json.WriteString("attribution", conversion.AttributionName);
        json.WriteBoolean("orphan", conversion.Orphan);
        json.WriteBoolean("outsideWindow", conversion.OutsideWindow);
        if (conversion.Attribution is { } attribution)
        {
            json.WriteString("clickedAt", zone.Local(attribution.ClickedAt));
            json.WriteNumber("secondsToConvert", attribution.SecondsToConvert);
            json.WriteIfSet("linkId", attribution.Click.LinkId);
            json.WriteIfSet("clickNetwork", attribution.Click.Network);
            json.WriteIfSet("clickProgram", attribution.Click.Program);
            json.WriteIfSet("campaign", attribution.Click.Campaign);
            json.WriteIfSet("source", attribution.Click.Source);
            json.WriteIfSet("sub1", attribution.Click.Sub1);
            json.WriteIfSet("sub2", attribution.Click.Sub2);
            json.WriteIfSet("sub3", attribution.Click.Sub3);
            json.WriteIfSet("sub4", attribution.Click.Sub4);
            json.WriteIfSet("sub5", attribution.Click.Sub5);
            if (attribution.AttributionWindowDays is { } days)
            {
                json.WriteNumber("attributionWindowDays", days);
            }
        }

        if (conversion.ReattributedAt is { } reattributedAt)
        {
            json.WriteString("reattributedAt", zone.Local(reattributedAt));
        }

        if (conversion.Callback is { } callback)
        {
            json.WriteIfSet("method", callback.Method);
            json.WriteIfSet("rawQuery", callback.Query);
            json.WriteIfSet("rawBody", callback.Body);
            json.WriteIfSet("clientIp", callback.ClientIp);
            json.WriteIfSet("forwardedFor", callback.ForwardedFor);
            json.WriteIfSet("userAgent", callback.UserAgent);
        }

        json.WriteStartArray("history");
        foreach (var entry in history)
        {
            json.WriteStartObject();
            json.WriteString("postbackId", entry.PostbackId);
            json.WriteString("receivedAt", zone.Local(entry.ReceivedAt));
            json.WriteString("outcome", entry.Outcome);
            json.WriteIfSet("status", entry.Said.Status?.ToName());
            json.WriteIfSet("statusRaw", entry.Said.StatusRaw);
            json.WriteIfSet("payout", entry.Said.Payout is { } said ? Payout.Format(said) : null);
            json.WriteIfSet("currency", entry.Said.Currency);
            json.WriteIfSet("network", entry.Network);
            json.WriteIfSet("method", entry.Method);
            if (entry.From is { } from)
            {
                WriteState(json, "from", from);
            }

            WriteState(json, "to", entry.To);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteState(Utf8JsonWriter json, string name, ConversionState state) =>
        json.WriteState(name, state.Status.ToName(), state.Payout, state.Currency);
}

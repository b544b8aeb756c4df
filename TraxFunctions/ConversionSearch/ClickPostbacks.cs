using System.Globalization;
using Trax.Conversions;
using Trax.Http;
using Trax.Input;
using Trax.PostbackLog;
using Trax.Storage;
using Trax.Zones;

namespace Trax.ConversionSearch;

/// <summary>
/// A click id's postback log rows (accepted, updates, duplicates, refusals), newest first, a page at a time
/// (<c>limit</c>, <c>continuationToken</c>, as <c>/api/postbacks</c>), in the items' shape of <c>/api/postbacks</c>. The
/// log is keyed by day and time, not by click, so the read is bounded by days: those asked for (<c>from</c>/<c>to</c>),
/// else the window from the day the click's first conversion was received (one partition query of Conversions), else
/// the last 7 days; a page reads them newest first, one query per log shard and day, filtered in storage on the click
/// id, until it holds <c>limit</c> rows. With <c>key</c>, only the rows about that conversion (and the refused ones of
/// its type, which name no conversion).
/// </summary>
public sealed class ClickPostbacks(PostbackLogStore postbackLog, ConversionStore conversions, TimeZones zones, TimeProvider time, ILogger<ClickPostbacks> logger)
{
    /// <summary>Without a conversion to start from: a week.</summary>
    public const int DefaultDays = 7;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var clickId = reader.ClickId();
        var key = reader.Optional("key");
        if (key is not null && (key.Length > Keys.MaxLength || ConversionKeys.ParseConversionId("x/" + key) is null))
        {
            reader.Fail(SearchRejections.InvalidKey);
        }

        var (zone, asked) = ConversionLogDays.Read(reader, zones);
        var limit = reader.Number("limit", 1, PostbackLogQuery.MaxLimit, LogQueryRejections.InvalidLimit) ?? PostbackLogQuery.DefaultLimit;
        var token = reader.Optional("continuationToken");
        if (reader.Rejection is { } rejection)
        {
            return Refuse(rejection);
        }

        var window = asked ?? await DefaultWindowAsync(clickId!, key, zone!, cancellationToken);
        var type = key?.Split(Keys.RowSeparator)[0];
        var read = new ClickLogRead(clickId!, key, type, window.Range.Start, window.Range.End, window.Zone.Id) { EndAsked = asked is not null };
        if (token is not null && !PostbackLogStore.IsValidClickToken(token, read))
        {
            return Refuse(SearchRejections.InvalidContinuationToken);
        }

        var page = await postbackLog.ReadClickPageAsync(read, limit, token, cancellationToken);
        var days = window.Range;

        // Storage matched the key or its type; of the type's rows, those of another conversion are not this one's.
        var rows = page.Items.Where(r => key is null || r.ConversionKey == key || r.ConversionKey is null).ToList();
        Log.Read(logger, nameof(ConversionSearchApi.ListConversionPostbacks), window.UtcDays.Count, days.Days, rows.Count);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("clickid", clickId);
            json.WriteIfSet("key", key);
            json.WriteString("from", days.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", days.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("timeZone", days.Zone.Id);
            json.WriteNumber("count", rows.Count);
            json.WriteStartArray("items");
            foreach (var row in rows)
            {
                PostbackLogQuery.WriteItem(json, row, days.Zone);
            }

            json.WriteEndArray();
            json.WriteString("continuationToken", page.ContinuationToken);
            json.WriteEndObject();
        });
    }

    private IActionResult Refuse(Rejection rejection)
    {
        Log.Refused(logger, nameof(ConversionSearchApi.ListConversionPostbacks), rejection.Reason);
        return Answers.Rejected(rejection);
    }

    private async Task<ConversionLogDays> DefaultWindowAsync(string clickId, string? key, Zone zone, CancellationToken cancellationToken)
    {
        var stored = await conversions.ListAsync(clickId, cancellationToken);
        var first = stored.Where(c => key is null || c.Conversion.Key == key).Select(c => (DateTimeOffset?)c.Conversion.ReceivedAt).Min();
        return ConversionLogDays.Window(zone, first, time.GetUtcNow(), DefaultDays);
    }
}

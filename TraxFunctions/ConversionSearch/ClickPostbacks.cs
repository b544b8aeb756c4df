using System.Globalization;
using Trax.Conversions;
using Trax.Http;
using Trax.Input;
using Trax.PostbackLog;
using Trax.Storage;
using Trax.Zones;

namespace Trax.ConversionSearch;

/// <summary>
/// Every postback log row about a click id (accepted, updates, duplicates, refusals), newest first, in the items'
/// shape of <c>/api/postbacks</c>. The log is keyed by day and time, not by click, so the read is bounded by days:
/// those asked for (<c>from</c>/<c>to</c>), else the window from the day the click's first conversion was received
/// (one partition query of Conversions), else the last 7 days. Each day is one query per log shard, filtered in storage
/// on the click id. With <c>key</c>, only the rows about that conversion (and the refused ones of its type, which
/// name no conversion).
/// </summary>
public sealed class ClickPostbacks(PostbackLogStore postbackLog, ConversionStore conversions, TimeProvider time, ILogger<ClickPostbacks> logger)
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

        var asked = SearchDays.Read(reader, required: false);
        if (reader.Rejection is { } rejection)
        {
            Log.Refused(logger, nameof(ConversionSearchApi.ListConversionPostbacks), rejection.Reason);
            return Answers.Rejected(rejection);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var days = asked ?? await DefaultDaysAsync(clickId!, key, today, cancellationToken);
        // Four days at a time: 32 queries in flight at most.
        var read = await days.ReadEachAsync(4, (day, ct) => postbackLog.ReadClickLogAsync(day, clickId!, ct), cancellationToken);
        var type = key?.Split(Keys.RowSeparator)[0];
        var rows = read
            .Where(r => key is null || r.ConversionKey == key || (r.ConversionKey is null && r.Type == type))
            .OrderByDescending(r => r.ReceivedAt)
            .ThenByDescending(r => r.PostbackId, StringComparer.Ordinal)
            .ToList();
        Log.Read(logger, nameof(ConversionSearchApi.ListConversionPostbacks), days.Count, days.Count, rows.Count);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("clickid", clickId);
            json.WriteIfSet("key", key);
            json.WriteString("from", days.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", days.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("count", rows.Count);
            json.WriteStartArray("items");
            foreach (var row in rows)
            {
                PostbackLogQuery.WriteItem(json, row, Zone.Utc);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private async Task<SearchDays> DefaultDaysAsync(string clickId, string? key, DateOnly today, CancellationToken cancellationToken)
    {
        var stored = await conversions.ListAsync(clickId, cancellationToken);
        var first = stored.Where(c => key is null || c.Conversion.Key == key).Select(c => (DateTimeOffset?)c.Conversion.ReceivedAt).Min();
        return first is { } at
            ? SearchDays.Starting(PostbackLogKeys.LogDay(at), today)
            : new SearchDays(today.AddDays(1 - DefaultDays), today);
    }
}

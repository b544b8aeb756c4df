using System.Globalization;
using System.Text.Json;
using Trax.Core;
using Trax.Http;
using Trax.Input;
using Trax.Zones;

namespace Trax.PostbackLog;

/// <summary>
/// One day of the postback log, newest first, filtered and paged (through the postback log store). The day (and hour)
/// is the zone's (<c>tz=</c>, else <c>Trax__Reports__TimeZone</c>, else UTC): a UTC day reads its 8 partitions, any
/// other zone's day the partitions of the UTC days it touches (<see cref="PostbackLogStore.ReadIntervalPageAsync"/>).
/// </summary>
public sealed class PostbackLogQuery(PostbackLogStore postbackLog, TimeZones zones)
{
    private static readonly TimeZones UtcDefault = new(Options.Create(new ZoneOptions()));

    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (query, rejection) = Parse(request.Query, zones);
        if (rejection is not null)
        {
            return Answers.Rejected(rejection);
        }

        var page = ReferenceEquals(query!.Zone, Zone.Utc)
            ? await postbackLog.ReadPageAsync(query, cancellationToken)
            : await postbackLog.ReadIntervalPageAsync(query, query.Start, query.End, Scope(query), cancellationToken);
        return Answers.Json(json => WriteJson(json, query, page));
    }

    public static (LogQuery? Query, Rejection? Rejection) Parse(IQueryCollection parameters, TimeZones? zones = null)
    {
        var reader = new QueryReader(parameters);
        var date = reader.RequiredDay("date");
        var hour = reader.Number("hour", 0, 23, LogQueryRejections.InvalidHour);
        var zone = (zones ?? UtcDefault).Read(reader);
        var (start, end) = date is { } d && zone is not null
            ? hour is { } h ? ZoneHour.Of(zone, d, h) : (zone.StartOf(d), zone.StartOf(d.AddDays(1)))
            : default;
        var outcome = reader.Optional("outcome")?.ToLowerInvariant();
        if (outcome is not null && !PostbackOutcomes.All.Contains(outcome))
        {
            reader.Fail(LogQueryRejections.InvalidOutcome);
        }

        var type = reader.Optional("type")?.ToLowerInvariant();
        if (type is not null && !ConversionTypeNames.TryParse(type, out _))
        {
            reader.Fail(LogQueryRejections.InvalidType);
        }

        var network = reader.Text("network");
        var reason = reader.Text("reason");
        var limit = reader.Number("limit", 1, MaxLimit, LogQueryRejections.InvalidLimit) ?? DefaultLimit;
        var token = reader.Optional("continuationToken");
        if (token is not null && date is { } day && zone is not null
            && !(ReferenceEquals(zone, Zone.Utc)
                ? PostbackLogStore.IsValidToken(token, day)
                : PostbackLogStore.IsValidIntervalToken(token, PostbackLogStore.ZonedScope(day, hour, zone.Id), start, end)))
        {
            reader.Fail(LogQueryRejections.InvalidContinuationToken);
        }

        return reader.Rejection is { } rejection
            ? (null, rejection)
            : (new LogQuery(date!.Value, hour, outcome, type, network, reason, limit, token) { Zone = zone!, Start = start, End = end }, null);
    }

    private static string Scope(LogQuery query) => PostbackLogStore.ZonedScope(query.Date, query.Hour, query.Zone.Id);

    private static void WriteJson(Utf8JsonWriter json, LogQuery query, LogPage page)
    {
        json.WriteStartObject();
        json.WriteString("date", query.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("timeZone", query.Zone.Id);
        if (query.Hour is { } hour)
        {
            json.WriteNumber("hour", hour);
        }

        json.WriteNumber("count", page.Items.Count);
        json.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            WriteItem(json, item, query.Zone);
        }

        json.WriteEndArray();
        if (page.ContinuationToken is { } next)
        {
            json.WriteString("continuationToken", next);
        }
        else
        {
            json.WriteNull("continuationToken");
        }

        json.WriteEndObject();
    }

    internal static void WriteItem(Utf8JsonWriter json, PostbackLogEntry row, Zone zone)
    {
        json.WriteStartObject();
        json.WriteString("id", row.PostbackId);
        json.WriteString("receivedAt", zone.Local(row.ReceivedAt));
        if (row.ProcessedAt is { } processedAt)
        {
            json.WriteString("processedAt", zone.Local(processedAt));
        }

        json.WriteString("type", row.Type);
        json.WriteString("outcome", row.Outcome);
        json.WriteIfSet("reason", row.Reason);
        if (row.HttpStatus is { } status)
        {
            json.WriteNumber("httpStatus", status);
        }

        json.WriteIfSet("clickid", row.ClickId);
        json.WriteIfSet("network", row.Network);
        json.WriteIfSet("program", row.Program);
        json.WriteIfSet("txid", row.TxId);
        json.WriteIfSet("payout", row.Payout is { } payout ? Payout.Format(payout) : null);
        json.WriteIfSet("currency", row.Currency);
        json.WriteIfSet("status", row.Status);
        json.WriteIfSet("duplicateOf", row.DuplicateOf);
        json.WriteIfSet("conversionKey", row.ConversionKey);
        foreach (var (name, state) in new[] { ("from", row.From), ("to", row.To) })
        {
            // An updated or superseded postback's conversion before and after it.
            if (state is not null)
            {
                json.WriteState(name, state.Status, state.Payout, state.Currency);
            }
        }
        if (row.Warnings.Count > 0)
        {
            json.WriteStartArray("warnings");
            foreach (var warning in row.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
        }

        json.WriteIfSet("method", row.Source?.Method);
        json.WriteIfSet("query", row.Source?.Query);
        if (row.QueryTruncated)
        {
            json.WriteBoolean("queryTruncated", true);
        }

        json.WriteIfSet("body", row.Source?.Body);
        json.WriteIfSet("clientIp", row.Source?.ClientIp);
        json.WriteIfSet("forwardedFor", row.Source?.ForwardedFor);
        json.WriteIfSet("userAgent", row.Source?.UserAgent);
        json.WriteEndObject();
    }
}

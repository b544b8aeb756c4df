using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Trax.Core;
using Trax.Http;
using Trax.Input;

namespace Trax.PostbackLog;

/// <summary>One UTC day of the postback log, newest first, filtered and paged (through the postback log store).</summary>
public sealed class PostbackLogQuery(PostbackLogStore postbackLog)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (query, rejection) = Parse(request.Query);
        if (rejection is not null)
        {
            return Answers.Rejected(rejection);
        }

        var page = await postbackLog.ReadPageAsync(query!, cancellationToken);
        return Answers.Json(json => WriteJson(json, query!, page));
    }

    public static (LogQuery? Query, Rejection? Rejection) Parse(IQueryCollection parameters)
    {
        var reader = new QueryReader(parameters);
        var date = reader.RequiredDay("date");
        var hour = reader.Number("hour", 0, 23, LogQueryRejections.InvalidHour);
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
        if (token is not null && date is { } day && !PostbackLogStore.IsValidToken(token, day))
        {
            reader.Fail(LogQueryRejections.InvalidContinuationToken);
        }

        return reader.Rejection is { } rejection
            ? (null, rejection)
            : (new LogQuery(date!.Value, hour, outcome, type, network, reason, limit, token), null);
    }

    private static void WriteJson(Utf8JsonWriter json, LogQuery query, LogPage page)
    {
        json.WriteStartObject();
        json.WriteString("date", query.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (query.Hour is { } hour)
        {
            json.WriteNumber("hour", hour);
        }

        json.WriteNumber("count", page.Items.Count);
        json.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            WriteItem(json, item);
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

    internal static void WriteItem(Utf8JsonWriter json, PostbackLogEntry row)
    {
        json.WriteStartObject();
        json.WriteString("id", row.PostbackId);
        json.WriteString("receivedAt", row.ReceivedAt);
        if (row.ProcessedAt is { } processedAt)
        {
            json.WriteString("processedAt", processedAt);
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

        json.WriteIfSet("method", row.Method);
        json.WriteIfSet("query", row.Query);
        if (row.QueryTruncated)
        {
            json.WriteBoolean("queryTruncated", true);
        }

        json.WriteIfSet("body", row.Body);
        json.WriteIfSet("clientIp", row.ClientIp);
        json.WriteIfSet("forwardedFor", row.ForwardedFor);
        json.WriteIfSet("userAgent", row.UserAgent);
        json.WriteEndObject();
    }
}

using System.Globalization;
using System.Text.Json;
using Trax.Conversions;
using Trax.Http;
using Trax.PostbackLog;
using Trax.Storage;
using Trax.Zones;

namespace Trax.ConversionSearch;

/// <summary>
/// Finds stored conversions in the day index (one row per conversion, on the UTC day it was first received), newest
/// first. The days asked for are the zone's (<c>tz=</c>): the UTC days that cover them are read and only conversions
/// received inside the zone's days are kept (a St John's day touches two UTC days). The days are read one at a time from the newest, each with one query per log shard filtered in storage on
/// type, click id and txid (network, program and status are compared here: case-insensitively, and old rows hold no
/// status), until the page is full. Never a scan of the Conversions table.
/// </summary>
public sealed class ConversionSearcher(PostbackLogStore postbackLog, TimeZones zones, ILogger<ConversionSearcher> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (search, rejection) = ConversionSearchRequest.Parse(request.Query, zones);
        if (rejection is not null)
        {
            Log.Refused(logger, nameof(ConversionSearchApi.SearchConversions), rejection.Reason);
            return Answers.Rejected(rejection);
        }

        var (items, next, daysRead) = await SearchAsync(search!, cancellationToken);
        Log.Read(logger, nameof(ConversionSearchApi.SearchConversions), daysRead, search!.Days.Count, items.Count);
        return Answers.Json(json => Write(json, search!, items, next, daysRead));
    }

    /// <summary>One page, the cursor after it (null: nothing older matches) and how many days were read for it.</summary>
    public async Task<(List<DayIndexEntry> Items, SearchCursor? Next, int DaysRead)> SearchAsync(ConversionSearchRequest search, CancellationToken cancellationToken)
    {
        var found = new List<DayIndexEntry>();
        var daysRead = 0;
        foreach (var day in search.Days.Newest())
        {
            if (search.After is { } after && day > after.Day)
            {
                continue;
            }

            daysRead++;
            var rows = await postbackLog.SearchDayIndexAsync(day, search.Type, search.ClickId, search.ConversionKeys, cancellationToken);
            found.AddRange(rows
                .Where(r => search.Range.Contains(r.ReceivedAt) && Matches(r, search) && (search.After is not { } cursor || cursor.Precedes(r.ReceivedAt, r.PostbackId)))
                .OrderByDescending(r => r.ReceivedAt)
                .ThenByDescending(r => r.PostbackId, StringComparer.Ordinal));

            // One more than the page, to know whether a next page exists.
            if (found.Count > search.Limit)
            {
                var page = found.Take(search.Limit).ToList();
                var last = page[^1];
                return (page, new SearchCursor(last.Day, last.ReceivedAt, last.PostbackId), daysRead);
            }
        }

        return (found, null, daysRead);
    }

    private static bool Matches(DayIndexEntry row, ConversionSearchRequest search) =>
        (search.Network is null || string.Equals(row.Network, search.Network, StringComparison.OrdinalIgnoreCase))
        && (search.Program is null || string.Equals(row.Program, search.Program, StringComparison.OrdinalIgnoreCase))
        && (search.Status is null || row.Status == search.Status);

    private static void Write(Utf8JsonWriter json, ConversionSearchRequest search, List<DayIndexEntry> items, SearchCursor? next, int daysRead)
    {
        json.WriteStartObject();
        json.WriteString("from", search.Range.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("to", search.Range.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("timeZone", search.Range.Zone.Id);
        json.WriteNumber("count", items.Count);
        json.WriteStartArray("items");
        foreach (var row in items)
        {
            json.WriteStartObject();
            json.WriteString("conversionId", ConversionKeys.ConversionId(row.ClickId, row.ConversionKey));
            json.WriteString("clickId", row.ClickId);
            json.WriteString("key", row.ConversionKey);
            json.WriteString("type", row.Type);
            json.WriteIfSet("network", row.Network);
            json.WriteIfSet("program", row.Program);
            json.WriteIfSet("campaign", row.Campaign);
            json.WriteIfSet("txId", TxIdOf(row.ConversionKey));
            json.WriteString("status", row.Status);
            json.WriteIfSet("payout", row.Payout is { } payout ? Input.Payout.Format(payout) : null);
            json.WriteIfSet("currency", row.Currency);
            json.WriteString("attribution", row.Attribution);
            json.WriteString("receivedAt", search.Range.Zone.Local(row.ReceivedAt));
            json.WriteString("postbackId", row.PostbackId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("daysRead", daysRead);
        if (next is not null)
        {
            json.WriteString("continuationToken", next.Encode(search.Range));
        }
        else
        {
            json.WriteNull("continuationToken");
        }

        json.WriteEndObject();
    }

    /// <summary>The txid a conversion key holds (<c>sale:T-1</c>); null without one, or when the key was too long and ends in a hash.</summary>
    internal static string? TxIdOf(string conversionKey)
    {
        var separator = conversionKey.IndexOf(Keys.RowSeparator);
        if (separator < 0 || conversionKey.Contains(Keys.HashMark, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Keys.Decode(conversionKey[(separator + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

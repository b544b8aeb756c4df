using Trax.Core;
using Trax.Input;
using Trax.Storage;
using Trax.Zones;

namespace Trax.ConversionSearch;

/// <summary>
/// A validated <c>GET /api/conversions/search</c>: the zone's days asked for (<c>tz=</c>, else
/// <c>Trax__Reports__TimeZone</c>, else UTC) and the UTC days of the day index that cover them, exact filters (network and program compared
/// case-insensitively), a page size and where the previous page stopped.
/// </summary>
public sealed record ConversionSearchRequest(SearchDays Days, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private static readonly TimeZones UtcDefault = new(Options.Create(new ZoneOptions()));

    /// <summary>The zone days asked for: <see cref="Days"/> are the UTC days that cover them, and only conversions received inside it are found.</summary>
    public required ZoneDayRange Range { get; init; }

    public string? TxId { get; init; }

    public string? ClickId { get; init; }

    public string? Network { get; init; }

    public string? Program { get; init; }

    public string? Type { get; init; }

    public string? Status { get; init; }

    /// <summary>The last item of the previous page: the next one starts after it (older, newest first).</summary>
    public SearchCursor? After { get; init; }

    /// <summary>The conversion keys a txid names, one per type asked for: the index rows are filtered on them in storage.</summary>
    public IReadOnlyCollection<string>? ConversionKeys =>
        TxId is null ? null : [.. (Type is null ? [.. Enum.GetValues<ConversionType>().Select(t => t.ToName())] : new[] { Type }).Select(t => Keys.ConversionRow(t, TxId))];

    public static (ConversionSearchRequest? Request, Rejection? Rejection) Parse(IQueryCollection query, TimeZones? zones = null)
    {
        var reader = new QueryReader(query);
        // The limit counts the zone's days (checked here with the codes and words the search always answered).
        var asked = SearchDays.Read(reader, required: true);
        var zone = (zones ?? UtcDefault).Read(reader);
        var range = asked is { } a ? TimeZones.Range(reader, zone, a.From, a.To, SearchDays.MaxDays) : null;
        var days = range is null ? (SearchDays?)null : UtcDays(range);
        // As long as intake takes a txid: every stored conversion can be found by its own.
        var txId = reader.Text("txid", PostbackLimits.MaxTxIdLength);
        var clickId = reader.Optional("clickid");
        if (clickId is not null && !Input.ClickId.IsValid(clickId))
        {
            reader.Fail(Rejection.InvalidClickId);
        }

        var network = reader.Text("network");
        var program = reader.Text("program");
        var type = reader.Optional("type")?.ToLowerInvariant();
        if (type is not null && !ConversionTypeNames.TryParse(type, out _))
        {
            reader.Fail(SearchRejections.InvalidType);
        }

        var status = reader.Optional("status")?.ToLowerInvariant();
        if (status is not null && !ConversionStatusNames.All.Contains(status))
        {
            reader.Fail(SearchRejections.InvalidStatus);
        }

        var limit = reader.Number("limit", 1, MaxLimit, SearchRejections.InvalidLimit) ?? DefaultLimit;
        SearchCursor? after = null;
        if (reader.Optional("continuationToken") is { } token && range is not null && days is { } utcDays)
        {
            after = SearchCursor.Decode(token, range, utcDays);
            if (after is null)
            {
                reader.Fail(SearchRejections.InvalidContinuationToken);
            }
        }

        return reader.Rejection is { } rejection
            ? (null, rejection)
            : (new ConversionSearchRequest(days!.Value, limit)
            {
                Range = range!,
                TxId = txId, ClickId = clickId, Network = network, Program = program, Type = type, Status = status, After = after,
            }, null);
    }

    /// <summary>The UTC days of the day index that hold the zone days asked for: one zone day touches one, two or three.</summary>
    private static SearchDays UtcDays(ZoneDayRange range)
    {
        var (first, last) = ZoneDayRange.UtcDaysOf(range.Start, range.End);
        return new SearchDays(first, last);
    }
}

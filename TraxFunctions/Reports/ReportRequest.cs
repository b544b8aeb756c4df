using Trax.Input;
using Trax.Zones;

namespace Trax.Reports;

/// <summary>
/// A validated <c>GET /api/reports/conversions</c>: UTC days from and to (both included), grouping, format, and for
/// CSV whether text that a spreadsheet would run as a formula is escaped (the default) or written exactly.
/// </summary>
public sealed record ReportRequest(DateOnly From, DateOnly To, IReadOnlyList<string> GroupBy, string Format, bool EscapeFormulas = true)
{
    public const string Json = "json";
    public const string Csv = "csv";

    /// <summary>A year and a bit: rollups make a day cost the same whatever it holds (was 92 before rollups).</summary>
    public const int MaxDays = ZoneDayRange.MaxDays;

    /// <summary>What a report can group by, in the order it names them.</summary>
    public static IReadOnlyList<string> Dimensions { get; } = ["day", "type", "network", "program", "campaign", "status", "attribution"];

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The zone whose days From and To are (<c>tz=</c>, else the setting): UTC unless told.</summary>
    public Zone Zone { get; init; } = Zone.Utc;

    private static readonly TimeZones UtcDefault = new(Options.Create(new ZoneOptions()));

    public static (ReportRequest? Request, Rejection? Rejection) Parse(IQueryCollection query, TimeZones? zones = null)
    {
        var reader = new QueryReader(query);
        var zone = (zones ?? UtcDefault).Read(reader);
        var from = reader.RequiredDay("from");
        var to = reader.RequiredDay("to");
        var groupBy = ParseGroupBy(reader.Optional("groupBy"), reader);
        var format = reader.Optional("format")?.ToLowerInvariant() ?? Json;
        if (format is not (Json or Csv))
        {
            reader.Fail(QueryRejections.InvalidFormat);
        }

        var escapeFormulas = reader.Flag("escapeFormulas", absent: true);
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                reader.Fail(QueryRejections.InvalidRange);
            }
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            {
                reader.Fail(QueryRejections.RangeTooLong);
            }
        }

        // The zone's days must also end by the last UTC day readers walk (a zone behind UTC, in 9999).
        _ = TimeZones.Range(reader, zone, from, to, MaxDays);
        return reader.Rejection is { } rejection
            ? (null, rejection)
            : (new ReportRequest(from!.Value, to!.Value, groupBy!, format, escapeFormulas) { Zone = zone! }, null);
    }

    private static IReadOnlyList<string>? ParseGroupBy(string? value, QueryReader reader)
    {
        if (value is null)
        {
            return [];
        }

        var names = value.Split(',', StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
        if (names.Any(n => !Dimensions.Contains(n)) || names.Distinct().Count() != names.Count)
        {
            reader.Fail(QueryRejections.InvalidGroupBy);
            return null;
        }

        return names;
    }
}

using Trax.Input;
using Trax.Zones;

namespace Trax.Traffic;

/// <summary>
/// A validated <c>GET /api/reports/traffic</c>: the zone's days from and to (both included, at most 400), the click
/// dimensions to group by, the format, and for CSV whether text a spreadsheet would run as a formula is escaped.
/// </summary>
public sealed record TrafficRequest(ZoneDayRange Range, IReadOnlyList<string> GroupBy, string Format, bool EscapeFormulas)
{
    public const string Json = "json";
    public const string Csv = "csv";

    /// <summary>Every click dimension a traffic report can group by, in the order the answer names them.</summary>
    public static IReadOnlyList<string> Dimensions { get; } =
        ["day", "link", "campaign", "source", "network", "program", "sub1", "sub2", "sub3", "sub4", "sub5"];

    /// <summary>The dimensions the conversion rollups hold; any other needs each conversion's click (read live).</summary>
    public static IReadOnlyList<string> RolledDimensions { get; } = ["day", "campaign", "network", "program"];

    public static Rejection InvalidGroupBy { get; } =
        new("invalid-group-by", $"groupBy is a comma-separated list of distinct names among {string.Join(", ", Dimensions)}.");

    public static Rejection InvalidFormat { get; } = new("invalid-format", "format must be json or csv.");

    public bool NeedsClickOfEachConversion => GroupBy.Any(d => !RolledDimensions.Contains(d));

    public static (TrafficRequest? Request, Rejection? Rejection) Parse(IQueryCollection query, TimeZones zones)
    {
        var reader = new QueryReader(query);
        var zone = zones.Read(reader);
        var from = reader.RequiredDay("from");
        var to = reader.RequiredDay("to");
        IReadOnlyList<string> groupBy = [];
        if (reader.Optional("groupBy") is { } names)
        {
            var list = names.Split(',', StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
            if (list.Any(n => !Dimensions.Contains(n)) || list.Distinct().Count() != list.Count)
            {
                reader.Fail(InvalidGroupBy);
            }

            groupBy = list;
        }

        var format = reader.Optional("format")?.ToLowerInvariant() ?? Json;
        if (format is not (Json or Csv))
        {
            reader.Fail(InvalidFormat);
        }

        var escapeFormulas = reader.Flag("escapeFormulas", absent: true);
        var range = TimeZones.Range(reader, zone, from, to);
        return reader.Rejection is { } rejection
            ? (null, rejection)
            : (new TrafficRequest(range!, groupBy, format, escapeFormulas), null);
    }
}

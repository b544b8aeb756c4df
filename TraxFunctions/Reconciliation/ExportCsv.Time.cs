using System.Globalization;
using Trax.Zones;

namespace Trax.Reconciliation;

/// <summary>An export row's time, in the mapping's format or ISO 8601, read in the reconciliation's zone.</summary>
public static partial class ExportCsv
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-ddTHH:mmK",
    ];

    /// <summary>
    /// A time with an offset is that instant; one without is the zone's local time (a time the zone skipped is read as
    /// the clocks showed it, as much later as the gap is long; one it had twice, the first of the two). Unix seconds are UTC.
    /// </summary>
    public static DateTimeOffset? ParseTime(string text, string? format, Zone zone)
    {
        try
        {
            return Parse(text, format, zone);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or ArgumentException or FormatException)
        {
            // A local time whose instant is outside what a date can hold, or a format that is none.
            return null;
        }
    }

    private static DateTimeOffset? Parse(string text, string? format, Zone zone)
    {
        if (string.Equals(format, "unix", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }

        if (format is null && DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
            && text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            return exact;
        }

        // A format with an offset (zzz, K): a DateTime would convert the text's instant to the server's clock, and
        // that clock time would then be read as the zone's. Round-trip kind says whether the text carried one.
        if (format is not null
            && DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var kind) && kind.Kind != DateTimeKind.Unspecified
            && DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        if (!DateTime.TryParseExact(text, format is null ? LocalFormats : [format], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.Info.IsInvalidTime(local))
        {
            // Read at the offset before the gap: clocks showed it as much later as the gap is long.
            var before = local;
            while (zone.Info.IsInvalidTime(before))
            {
                before = before.AddMinutes(-1);
            }

            var instant = new DateTimeOffset(local.Ticks - zone.Info.GetUtcOffset(before).Ticks, TimeSpan.Zero);
            return instant.ToOffset(zone.Info.GetUtcOffset(instant));
        }

        var offset = zone.Info.IsAmbiguousTime(local) ? zone.Info.GetAmbiguousTimeOffsets(local).Max() : zone.Info.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Trax.Zones;

/// <summary>
/// An IANA time zone (<c>Europe/Paris</c>, <c>America/St_Johns</c>) and the day arithmetic reports need: when a zone
/// day starts and ends as UTC instants, and which zone day an instant falls in. A zone day is
/// [<see cref="StartOf"/>(day), <see cref="StartOf"/>(day + 1)): 24 hours, or 23 and 25 on DST changes (23.5 and
/// 24.5 on Lord Howe Island), or none at all for a day a zone skipped (Pacific/Apia, 2011-12-30). It starts at the
/// first instant whose local time is on or after that day's midnight: the first of two midnights when clocks go
/// back over it, the end of the gap when they skip it.
/// </summary>
public sealed partial class Zone
{
    /// <summary>The longest id accepted; the longest in the IANA database is 32 characters.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The first and last days the day arithmetic covers: the days a report may name.</summary>
    public static readonly DateOnly FirstDay = new(1601, 1, 1);

    public static readonly DateOnly LastDay = DateOnly.MaxValue.AddDays(-1);

    /// <summary>More than any UTC offset a zone has had (they stay within ±15 hours).</summary>
    private static readonly long Window = TimeSpan.FromHours(15).Ticks;

    private Zone(string id, TimeZoneInfo info)
    {
        Id = id;
        Info = info;
    }

    public static Zone Utc { get; } = new("UTC", TimeZoneInfo.Utc);

    /// <summary>The IANA id as the database names it (an alias such as <c>Asia/Calcutta</c> keeps its name).</summary>
    public string Id { get; }

    /// <summary>The rules, from the host's time zone database (tzdata on Linux, ICU on Windows).</summary>
    public TimeZoneInfo Info { get; }

    /// <summary>
    /// The zone an IANA id names, or false: a Windows id (<c>Romance Standard Time</c>), a name outside the IANA
    /// form, or a zone this host does not know. The files beside the zones in a tzdata directory (<c>posix/</c>,
    /// <c>right/</c> with leap seconds, <c>localtime</c>, <c>posixrules</c>, <c>Factory</c>) are not zones.
    /// </summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out Zone? zone)
    {
        zone = null;
        if (id is null || id.Length > MaxIdLength || !IanaId().IsMatch(id) || NotZones().IsMatch(id))
        {
            return false;
        }

        try
        {
            // .NET caches zones it has read under a case-insensitive key, so "europe/paris" would be found once
            // Europe/Paris had been: only the database's own spelling is a zone, whatever was asked before.
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var info) && info.HasIanaId && string.Equals(info.Id, id, StringComparison.Ordinal))
            {
                zone = info.Id == Utc.Id ? Utc : new Zone(info.Id, info);
                return true;
            }
        }
        catch (Exception ex) when (ex is InvalidTimeZoneException or System.Security.SecurityException or IOException or UnauthorizedAccessException)
        {
            // A file in the zone directory that is not a zone: not a zone.
        }

        return false;
    }

    public static Zone Find(string id) =>
        TryFind(id, out var zone) ? zone : throw new ArgumentException($"'{id}' is not an IANA time zone this host knows.", nameof(id));

    /// <summary>The zone's offset from UTC at an instant.</summary>
    public TimeSpan OffsetAt(DateTimeOffset instant) => new(OffsetTicks(instant.UtcTicks));

    /// <summary>The instant as the zone's clocks show it (its offset then).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(OffsetAt(instant));

    /// <summary>The first instant of a zone day: the first whose local time is on or after the day's midnight.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        if (day < FirstDay || day > DateOnly.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"Days from {FirstDay:yyyy-MM-dd} on.");
        }

        var midnight = day.DayNumber * TimeSpan.TicksPerDay;
        if (ReferenceEquals(this, Utc))
        {
            return new DateTimeOffset(midnight, TimeSpan.Zero);
        }

        // Walk forward from an instant certainly before midnight, one stretch of constant offset at a time: in a
        // stretch with offset o the local time reaches midnight at (midnight - o), if the stretch lasts that long.
        var t = midnight - Window;
        for (var stretch = 0; stretch < 16; stretch++)
        {
            var offset = OffsetTicks(t);
            var candidate = midnight - offset;
            if (candidate <= t)
            {
                // The clocks jumped over midnight: the day starts with the jump.
                return new DateTimeOffset(t, TimeSpan.Zero);
            }

            if (OffsetTicks(candidate) == offset)
            {
                return new DateTimeOffset(candidate, TimeSpan.Zero);
            }

            t = NextTransition(t, candidate, offset);
        }

        throw new InvalidOperationException($"The rules of {Id} change too often around {day:yyyy-MM-dd} to find its start.");
    }

    /// <summary>The zone day (its date and its UTC start and end).</summary>
    public ZoneDay Day(DateOnly day) => new(day, StartOf(day), StartOf(day.AddDays(1)));

    /// <summary>
    /// The zone day an instant falls in: the day whose [start, end) holds it. That is the local date, except in the
    /// rare hour when clocks went back across midnight, which belongs to the later day (the day it started again).
    /// </summary>
    public DateOnly DayOf(DateTimeOffset instant)
    {
        var local = instant.UtcTicks + OffsetTicks(instant.UtcTicks);
        var day = DateOnly.FromDayNumber((int)(local / TimeSpan.TicksPerDay));
        while (day > FirstDay && StartOf(day) > instant)
        {
            day = day.AddDays(-1);
        }

        while (day < LastDay && StartOf(day.AddDays(1)) <= instant)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The zone days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public ZoneDayRange Days(DateOnly from, DateOnly to) => new(this, from, to);

    public override string ToString() => Id;

    private long OffsetTicks(long utcTicks) => Info.GetUtcOffset(new DateTimeOffset(utcTicks, TimeSpan.Zero)).Ticks;

    /// <summary>
    /// The first instant after <paramref name="before"/>, to the second, whose offset is no longer
    /// <paramref name="offset"/> (which has changed by <paramref name="after"/>). Offsets change on whole seconds.
    /// </summary>
    private long NextTransition(long before, long after, long offset)
    {
        var low = before;
        var high = after;
        while (high - low > TimeSpan.TicksPerSecond)
        {
            var middle = low + ((high - low) / TimeSpan.TicksPerSecond / 2 * TimeSpan.TicksPerSecond);
            if (OffsetTicks(middle) == offset)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return high;
    }

    /// <summary>The IANA form: segments of letters, digits, <c>_ + -</c>, separated by <c>/</c>, starting with a letter.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")]
    private static partial Regex IanaId();

    [GeneratedRegex(@"^(posix/|right/|posixrules$|localtime$|Factory$)")]
    private static partial Regex NotZones();
}

namespace Trax.Zones;

/// <summary>One day of a zone: its date and the UTC instants it starts and ends at (the end excluded).</summary>
public readonly record struct ZoneDay(DateOnly Date, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>24 hours, or 23 and 25 (23.5 and 24.5 on Lord Howe Island) on DST days; zero for a skipped day.</summary>
    public TimeSpan Length => End - Start;

    /// <summary>
    /// True when the day starts and ends on bucket boundaries, so that <see cref="Buckets"/> is exactly the day. True
    /// for every day of every zone from 1972 on (tzdata 2025b); false for days whose midnight was at an offset such
    /// as Liberia's −0:44 until 1972 or a local mean time, whose edges must be read from the index.
    /// </summary>
    public bool IsAligned => Zones.Buckets.IsBoundary(Start) && Zones.Buckets.IsBoundary(End);

    /// <summary>The whole buckets inside the day: all of it when <see cref="IsAligned"/>.</summary>
    public BucketSpan Buckets => new(Zones.Buckets.FirstAtOrAfter(Start), Math.Max(Zones.Buckets.FirstAtOrAfter(Start), Zones.Buckets.IndexOf(End)));

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}

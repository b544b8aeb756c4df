namespace Trax.Zones;

/// <summary>The buckets <see cref="First"/> to <see cref="End"/> (excluded): a half-open run of whole UTC buckets.</summary>
public readonly record struct BucketSpan(long First, long End)
{
    public int Count => (int)Math.Max(0, End - First);

    public bool IsEmpty => End <= First;

    /// <summary>When the first bucket starts.</summary>
    public DateTimeOffset Start => Buckets.StartOf(First);

    /// <summary>When the last bucket ends (the next one starts).</summary>
    public DateTimeOffset EndInstant => Buckets.StartOf(End);

    public bool Contains(long bucket) => bucket >= First && bucket < End;

    /// <summary>Every bucket of the span, in order.</summary>
    public IEnumerable<long> Indexes()
    {
        for (var bucket = First; bucket < End; bucket++)
        {
            yield return bucket;
        }
    }

    /// <summary>When each bucket starts, in order.</summary>
    public IEnumerable<DateTimeOffset> Starts() => Indexes().Select(Buckets.StartOf);
}

using Trax.Input;

namespace Trax.ConversionSearch;

/// <summary>
/// The UTC days a search reads, from and to included, at most <see cref="MaxDays"/>: what bounds every query of these
/// APIs (each day costs one query per log shard, or one per forward).
/// </summary>
public readonly record struct SearchDays(DateOnly From, DateOnly To)
{
    /// <summary>A month: the postback log keeps 30 days (<c>Trax__PostbackLogRetentionDays</c>), so one window covers it.</summary>
    public const int MaxDays = 31;

    public int Count => To.DayNumber - From.DayNumber + 1;

    /// <summary>Newest first.</summary>
    public IEnumerable<DateOnly> Newest()
    {
        var to = To;
        return Enumerable.Range(0, Count).Select(i => to.AddDays(-i));
    }

    /// <summary>What <paramref name="read"/> gives for each day, <paramref name="concurrency"/> reads at a time, in no order.</summary>
    public async Task<List<T>> ReadEachAsync<T>(int concurrency, Func<DateOnly, CancellationToken, Task<List<T>>> read, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        await Parallel.ForEachAsync(
            Newest(),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (day, ct) =>
            {
                var rows = await read(day, ct);
                lock (all)
                {
                    all.AddRange(rows);
                }
            });
        return all;
    }

    /// <summary>
    /// The window that starts on <paramref name="first"/> (the day a conversion was first received): <see cref="MaxDays"/>
    /// days, or up to <paramref name="today"/> if that comes first.
    /// </summary>
    public static SearchDays Starting(DateOnly first, DateOnly today)
    {
        var to = first.AddDays(MaxDays - 1);
        return new SearchDays(first, to < today ? to : (today < first ? first : today));
    }

    /// <summary>from and to (both, or with <paramref name="required"/> false neither: null), checked.</summary>
    public static SearchDays? Read(QueryReader reader, bool required)
    {
        if (!required && reader.Optional("from") is null && reader.Optional("to") is null)
        {
            return null;
        }

        if (!required && (reader.Optional("from") is null || reader.Optional("to") is null))
        {
            reader.Fail(SearchRejections.HalfRange);
            return null;
        }

        var from = reader.RequiredDay("from");
        var to = reader.RequiredDay("to");
        if (from is not { } f || to is not { } t)
        {
            return null;
        }

        if (t < f)
        {
            reader.Fail(SearchRejections.InvalidRange);
            return null;
        }

        if (t.DayNumber - f.DayNumber + 1 > MaxDays)
        {
            reader.Fail(SearchRejections.RangeTooLong);
            return null;
        }

        return new SearchDays(f, t);
    }
}

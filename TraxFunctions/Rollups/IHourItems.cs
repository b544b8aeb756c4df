namespace Trax.Rollups;

/// <summary>
/// An hour's rollup as a reader takes it apart (<see cref="HourReads"/>): a stored rollup into its quarter-hour items,
/// a row of an hour read live into one item at its own time.
/// </summary>
public interface IHourItems<TRow, TItem>
{
    /// <summary>The items of the rollup packed in <paramref name="data"/> whose quarter, from <paramref name="hourStart"/>, starts in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    static abstract IEnumerable<TItem> ItemsWithin(string data, DateTimeOffset hourStart, DateTimeOffset start, DateTimeOffset end);

    static abstract TItem ItemOf(TRow row);
}

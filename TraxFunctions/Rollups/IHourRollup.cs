namespace Trax.Rollups;

/// <summary>An hour's rollup of rows of one kind (<see cref="HourRollup"/>: index rows; the click rollups: clicks), as a roll builds it.</summary>
public interface IHourRollup<TRow>
{
    /// <summary>When a row happened: its hour is the rollup it goes in.</summary>
    static abstract DateTimeOffset TimeOf(TRow row);

    void Add(TRow row);

    string Encode();
}

namespace Trax.Rates;

/// <summary>How a run of the rates timer ended. Only <see cref="Fetched"/> stored anything; every other ends quietly, logged.</summary>
public enum RatesFetchOutcome
{
    /// <summary>No source URL is set.</summary>
    Off,

    /// <summary>The file was read and every day in it stored, found unchanged, or kept as an operator put it.</summary>
    Fetched,

    /// <summary>The source could not be reached, answered other than 200, timed out, or sent too much.</summary>
    SourceFailed,

    /// <summary>The source sent something that is not the ECB's rates file, or a file with a bad value: nothing stored.</summary>
    InvalidFile,

    /// <summary>The rates table could not be read or written; some days may be stored, the next run does the rest.</summary>
    StorageFailed,
}

using System.ComponentModel.DataAnnotations;

namespace Trax.Reconciliation;

/// <summary>Settings under <c>Trax:Reconciliation</c>.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Trax:Reconciliation";

    /// <summary>
    /// UTC days read beyond each edge of the period, so that a conversion received just across midnight (or a
    /// postback the network fired late) is still found and reported as outside the period, not as missing.
    /// </summary>
    [Range(0, 14)]
    public int MarginDays { get; set; } = 3;

    /// <summary>
    /// At most this many refused postbacks' log rows are read for one run, an eighth from each log shard (each shard's
    /// days in order): beyond it the summary says <c>refusalsComplete: false</c>, and a row said never to have arrived
    /// may have been refused. As many as an export may have rows, so that a network whose every postback was refused
    /// is still explained in full; a flood of bad postbacks beyond it is not read.
    /// </summary>
    [Range(PostbackLog.PostbackLogKeys.LogShards, 1_000_000)]
    public int RefusalReadCap { get; set; } = ReconciliationRejections.MaxRows;

    /// <summary>Partitions of the log's day index read at once.</summary>
    [Range(1, 64)]
    public int ReadConcurrency { get; set; } = 16;
}

namespace Trax.Reconciliation;

/// <summary>Reconciliation log lines: counts and reason codes, never the export's values (click ids, amounts).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 22000, Level = LogLevel.Information,
        Message = "Reconciliation {ReconciliationId} of {Network}: {ExportRows} export rows, {TraxConversions} Trax conversions, {Matched} matched")]
    public static partial void Reconciled(ILogger logger, string reconciliationId, string network, int exportRows, int traxConversions, int matched);

    [LoggerMessage(EventId = 22001, Level = LogLevel.Information, Message = "Reconciliation refused: {Reason} (line {Line})")]
    public static partial void Refused(ILogger logger, string reason, long? line);
}

namespace Trax.Uploads;

/// <summary>Upload log lines: counts and reasons, never the rows (they hold click ids and amounts).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information,
        Message = "Conversion upload: {RowCount} rows, {AcceptedCount} queued, {RejectedCount} rejected, {NotQueuedCount} not queued")]
    public static partial void Uploaded(ILogger logger, int rowCount, int acceptedCount, int rejectedCount, int notQueuedCount);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Conversion upload refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);
}

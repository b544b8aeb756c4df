namespace Trax.Conversions;

/// <summary>Processing log lines, with named properties for queries in Application Insights.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Conversion stored: {ConversionType} for click {ClickId}, {Outcome}, postback {PostbackId}, {LatencyMs} ms after receipt")]
    public static partial void Created(ILogger logger, string conversionType, string clickId, string outcome, string postbackId, double latencyMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Duplicate conversion ignored: {ConversionType} for click {ClickId}, postback {PostbackId}, stored by {StoredBy}")]
    public static partial void Duplicate(ILogger logger, string conversionType, string clickId, string postbackId, string storedBy);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "Malformed postback message, will be retried and then poisoned: {Problem}")]
    public static partial void Malformed(ILogger logger, string problem);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "Orphan conversions re-attributed: {Count} for click {ClickId}")]
    public static partial void Reattributed(ILogger logger, string clickId, int count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Orphan conversion {RowKey} of click {ClickId} kept changing while it was attributed; the caller is asked to retry")]
    public static partial void ReattributionGaveUp(ILogger logger, string clickId, string rowKey);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information,
        Message = "Conversion {Outcome}: {ConversionType} for click {ClickId} by postback {PostbackId}, status {FromStatus} -> {ToStatus}")]
    public static partial void Applied(ILogger logger, string conversionType, string clickId, string outcome, string postbackId, string fromStatus, string toStatus);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information,
        Message = "Postback {PostbackId} ({ConversionType} for click {ClickId}) stored its conversion on an earlier delivery; its log rows are written again")]
    public static partial void Healed(ILogger logger, string postbackId, string conversionType, string clickId);
}

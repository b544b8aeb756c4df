namespace Trax.Postbacks;

/// <summary>Intake log lines, with named properties for queries in Application Insights. No IPs, no secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Postback accepted: {ConversionType} for click {ClickId} from {Network}, id {PostbackId}, {WarningCount} warnings")]
    public static partial void Accepted(ILogger logger, string conversionType, string clickId, string? network, string postbackId, int warningCount);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Postback rejected: {ConversionType}, reason {Reason}")]
    public static partial void Rejected(ILogger logger, string conversionType, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Rejected postback not written to the postback log within the time allowed: {ConversionType}, reason {Reason}, id {PostbackId}; answered as rejected all the same")]
    public static partial void RejectedNotLogged(ILogger logger, string conversionType, string reason, string postbackId);
}

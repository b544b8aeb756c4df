using Microsoft.Extensions.Logging;

namespace Trax.PostbackLog;

/// <summary>Postback log lines, with named properties for queries in Application Insights.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning,
        Message = "Rejected postback not written to the postback log: {ConversionType}, reason {Reason}, id {PostbackId}; answered as rejected all the same")]
    public static partial void RejectedNotLogged(ILogger logger, Exception exception, string conversionType, string reason, string postbackId);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Postback {PostbackId} conflicted with the conversion it stored itself (a redelivery or a retried insert); its log and index rows are rewritten")]
    public static partial void Healed(ILogger logger, string postbackId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Postback log cleanup: {Deleted} rows older than {Cutoff} deleted")]
    public static partial void Cleaned(ILogger logger, int deleted, DateOnly cutoff);
}

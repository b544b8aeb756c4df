namespace Trax.PostbackLog;

/// <summary>Postback log lines, with named properties for queries in Application Insights.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Postback log cleanup: {Deleted} rows older than {Cutoff} deleted")]
    public static partial void Cleaned(ILogger logger, int deleted, DateOnly cutoff);
}

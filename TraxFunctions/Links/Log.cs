namespace Trax.Links;

/// <summary>Link administration log lines, with named properties for queries in Application Insights.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Link {LinkId} {Change}")]
    public static partial void Saved(ILogger logger, string linkId, string change);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Link request refused: {Method} {LinkId}, reason {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string? linkId, string reason);
}

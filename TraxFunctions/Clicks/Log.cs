namespace Trax.Clicks;

/// <summary>Click log lines, with named properties for Application Insights. Never an IP address or a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Click recorded: {ClickId} on link {LinkId}")]
    public static partial void Recorded(ILogger logger, string linkId, string clickId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error,
        Message = "Click lost: {ClickId} on link {LinkId} could not be stored; the visitor was redirected anyway")]
    public static partial void Lost(ILogger logger, Exception exception, string linkId, string clickId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Bot redirected without a click: {Bot} on link {LinkId}")]
    public static partial void Bot(ILogger logger, string linkId, string bot);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Redirect refused: link {LinkId} is unknown or disabled")]
    public static partial void UnknownLink(ILogger logger, string linkId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Links table unavailable: link {LinkId} served from a copy read {AgeSeconds} s ago")]
    public static partial void StaleLink(ILogger logger, Exception exception, string linkId, double ageSeconds);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Click id {ClickId} was taken already; minted another")]
    public static partial void Collision(ILogger logger, string clickId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "Click registered: {ClickId} {Outcome}, {Reattributed} orphan conversions re-attributed")]
    public static partial void Registered(ILogger logger, string clickId, string outcome, int reattributed);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Click registration refused: reason {Reason}")]
    public static partial void RegistrationRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning,
        Message = "Click stored but not counted: {ClickId} on link {LinkId}; the traffic recount counts it")]
    public static partial void Uncounted(ILogger logger, Exception? exception, string linkId, string clickId);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Error,
        Message = "Click {ClickId} was counted but not stored, and its count could not be taken back; the traffic recount removes it")]
    public static partial void CountNotTakenBack(ILogger logger, Exception exception, string clickId);
}

namespace Trax.ConversionSearch;

/// <summary>The conversion search APIs' log lines: what a read cost, and refusals by reason (never the values searched for).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 23001, Level = LogLevel.Information,
        Message = "{Api} read {DaysRead} of {Days} days and found {Count}")]
    public static partial void Read(ILogger logger, string api, int daysRead, int days, int count);

    [LoggerMessage(EventId = 23002, Level = LogLevel.Information, Message = "{Api} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string api, string reason);
}

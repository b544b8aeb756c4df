namespace Trax.Traffic;

/// <summary>Traffic log lines (clicks rolled, costs uploaded), with named properties. Never an address or a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 21000, Level = LogLevel.Debug, Message = "Clicks rolled up: {Partition}, {Hours} hours")]
    public static partial void Rolled(ILogger logger, string partition, int hours);

    [LoggerMessage(EventId = 21001, Level = LogLevel.Information, Message = "Traffic timer rolled {Hours} click hours of {From} to {To}")]
    public static partial void TimerRolled(ILogger logger, int hours, DateOnly from, DateOnly to);

    [LoggerMessage(EventId = 21002, Level = LogLevel.Information, Message = "Cost upload refused: reason {Reason} at line {Line}")]
    public static partial void CostsRejected(ILogger logger, string reason, long? line);

    [LoggerMessage(EventId = 21003, Level = LogLevel.Information, Message = "Costs stored: {Rows} rows, {Unknown} naming no known campaign or link")]
    public static partial void CostsStored(ILogger logger, int rows, int unknown);

    [LoggerMessage(EventId = 21004, Level = LogLevel.Information,
        Message = "Clicks recounted ({Walk}): {Read} read, {Counted} were not counted, {Removed} counts had no click, more: {More}")]
    public static partial void Recounted(ILogger logger, string walk, int read, int counted, int removed, bool more);
}

namespace Trax.Rollups;

internal static partial class Log
{
    [LoggerMessage(EventId = 1901, Level = LogLevel.Debug, Message = "Rolled {Hours} hours of {Partition}")]
    public static partial void Rolled(ILogger logger, string partition, int hours);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Information, Message = "Rollup timer rolled {Hours} hours of {From} to {To}")]
    public static partial void TimerRolled(ILogger logger, int hours, DateOnly from, DateOnly to);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Information, Message = "Rebuilt rollups of {From} to {To}: {Hours} hours written")]
    public static partial void Rebuilt(ILogger logger, DateOnly from, DateOnly to, int hours);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Debug, Message = "Rolled day {Day} up: {Entries} quarter-hour entries")]
    public static partial void RolledDay(ILogger logger, DateOnly day, int entries);

    [LoggerMessage(EventId = 1905, Level = LogLevel.Debug, Message = "Day {Day} changed while it was rolled up: it stays on the first level until the next roll")]
    public static partial void DayChangedWhileRolling(ILogger logger, DateOnly day);

    [LoggerMessage(EventId = 1906, Level = LogLevel.Warning, Message = "Could not open the shard-days of {Day} and the next day ahead of their writes (status {Status}); their first writes open them")]
    public static partial void PrepareFailed(ILogger logger, DateOnly day, int status);
}

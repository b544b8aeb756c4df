namespace Trax.Reports;

/// <summary>Report log lines, with named properties for queries in Application Insights.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information,
        Message = "Day index rebuilt for {Conversions} conversions: {Indexed} rows added or brought forward; more to do: {More}")]
    public static partial void Reindexed(ILogger logger, int conversions, int indexed, bool more);
}

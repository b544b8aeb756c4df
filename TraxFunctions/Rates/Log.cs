namespace Trax.Rates;

/// <summary>Rates log lines, with named properties for queries in Application Insights. Sources are logged without their query.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 12000, Level = LogLevel.Information, Message = "Rates of {Date} stored from {Source}: {Currencies} currencies per {Base}")]
    public static partial void Stored(ILogger logger, string date, string source, int currencies, string @base);

    [LoggerMessage(EventId = 12001, Level = LogLevel.Information, Message = "Rates request refused: {Method} {Date}, reason {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string date, string reason);

    [LoggerMessage(EventId = 12002, Level = LogLevel.Information,
        Message = "Rates fetched from {Source}: {Days} days in the file, {Stored} stored, {Unchanged} unchanged, {Kept} kept as an operator put them, {Skipped} skipped")]
    public static partial void Fetched(ILogger logger, string source, int days, int stored, int unchanged, int kept, int skipped);

    [LoggerMessage(EventId = 12003, Level = LogLevel.Warning, Message = "Rates source {Source} could not be read, the next run tries again: {Problem}")]
    public static partial void SourceFailed(ILogger logger, string source, string problem);

    [LoggerMessage(EventId = 12004, Level = LogLevel.Warning, Message = "Rates source {Source} served a file Trax cannot use, nothing stored: {Reason} {Problem}")]
    public static partial void InvalidFile(ILogger logger, string source, string reason, string problem);

    [LoggerMessage(EventId = 12005, Level = LogLevel.Warning, Message = "Fetched rates from {Source} could not be stored, the next run tries again")]
    public static partial void StoreFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 12006, Level = LogLevel.Debug, Message = "Rates are not fetched: Trax__Rates__SourceUrl is empty")]
    public static partial void FetchOff(ILogger logger);
}

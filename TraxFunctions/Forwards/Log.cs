namespace Trax.Forwards;

/// <summary>Forwarding log lines: ids and outcomes, never a URL (it may hold a destination's secret).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Information,
        Message = "Forward {ForwardId}: job {JobId} attempt {Attempt} {Outcome}, HTTP {HttpStatus}, {Error}")]
    public static partial void Attempted(ILogger logger, string forwardId, string jobId, int attempt, string outcome, int? httpStatus, string? error);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Debug, Message = "Forward job {JobId} attempt {Attempt} not sent by this copy: {Claim}")]
    public static partial void Skipped(ILogger logger, string jobId, int attempt, string claim);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning,
        Message = "Forward job {JobId} attempt {Attempt} outlived its claim; another copy took it over and its result stands")]
    public static partial void ClaimLost(ILogger logger, string jobId, int attempt);

    [LoggerMessage(EventId = 8106, Level = LogLevel.Information,
        Message = "Forward job {JobId} attempt {Attempt} waits: the attempt before is still being sent; queued again for {LeaseEnds}")]
    public static partial void Waiting(ILogger logger, string jobId, int attempt, DateTimeOffset leaseEnds);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Error, Message = "Malformed forward job: {Problem}")]
    public static partial void Malformed(ILogger logger, string problem);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Information, Message = "Forward {ForwardId} {Action}")]
    public static partial void Saved(ILogger logger, string forwardId, string action);

    [LoggerMessage(EventId = 8105, Level = LogLevel.Information, Message = "Forward request refused: {Method} {ForwardId}, reason {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string? forwardId, string reason);
}

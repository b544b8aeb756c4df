namespace Trax.PostbackCheck;

internal static partial class Log
{
    [LoggerMessage(EventId = 13001, Level = LogLevel.Information, Message = "Postback check of a {Type} URL: {Verdict} {Reason}")]
    public static partial void Checked(ILogger logger, string type, string verdict, string? reason);

    [LoggerMessage(EventId = 13002, Level = LogLevel.Information, Message = "Postback check refused: {Reason}")]
    public static partial void Rejected(ILogger logger, string reason);
}

using Microsoft.Extensions.Logging;

namespace Trax.Reports;

/// <summary>Report and lookup log lines, with named properties for queries in Application Insights.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Error,
        Message = "Storage could not be read for the {Query}; answered 503")]
    public static partial void StorageFailed(ILogger logger, Exception exception, string query);
}

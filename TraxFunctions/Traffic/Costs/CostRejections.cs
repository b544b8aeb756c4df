using Trax.Input;

namespace Trax.Traffic;

/// <summary>Why <c>POST /api/costs</c> refused an upload: stable reason codes (docs/reports.md). Nothing is stored then.</summary>
public static class CostRejections
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public const int MaxRows = 10_000;

    public static Rejection UnsupportedMediaType { get; } =
        new("unsupported-media-type", "Send the costs as text/csv or application/json, in UTF-8 (or with no Content-Type).", 415);

    public static Rejection BodyTooLarge { get; } = new("body-too-large", $"The body is larger than {MaxBodyBytes} bytes.", 413);

    public static Rejection InvalidEncoding { get; } = new("invalid-encoding", "The body must be UTF-8 text.");

    public static Rejection NoRows { get; } = new("no-rows", "The upload holds no cost row.");

    public static Rejection TooManyRows { get; } = new("too-many-rows", $"At most {MaxRows} rows per upload.");

    public static Rejection InvalidCsv(long line, string message) => new("invalid-csv", $"Line {line}: {message}") { Line = line };

    public static Rejection InvalidHeader(string problem) =>
        new("invalid-header", $"The header row {problem}: columns are day, amount, currency (optional) and one of campaign, link, source.") { Line = 1 };

    public static Rejection InvalidJson(string message) =>
        new("invalid-body", $"The body must be CSV with a header row, or a JSON array of cost objects: {message}");

    public static Rejection InvalidRow(long line, string reason, string message) => new(reason, $"Line {line}: {message}") { Line = line };

    public static IReadOnlyList<string> Reasons { get; } =
        ["unsupported-media-type", "body-too-large", "invalid-encoding", "no-rows", "too-many-rows", "invalid-csv", "invalid-header", "invalid-body",
         "invalid-day", "invalid-target", .. Cost.Reasons];
}

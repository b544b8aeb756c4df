using Trax.Input;

namespace Trax.Uploads;

/// <summary>
/// Why a conversion upload was refused as a whole (nothing queued), or one of its rows. A row is also refused for
/// any reason a postback is (<see cref="Postbacks.PostbackRejections"/>): rows go through the same validation.
/// </summary>
public static class UploadRejections
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public const int MaxRows = 10_000;

    public static Rejection UnsupportedMediaType { get; } =
        new("unsupported-media-type", "Send the upload as text/csv (UTF-8, a header row first).", 415);

    public static Rejection TooLarge { get; } =
        new("upload-too-large", $"The upload is larger than {MaxBytes} bytes (2 MiB): split it into several files.", 413);

    public static Rejection TooManyRows { get; } =
        new("too-many-rows", $"The upload has more than {MaxRows} rows: split it into several files.", 413);

    public static Rejection InvalidEncoding { get; } =
        new("invalid-encoding", "The upload is not valid UTF-8 text.");

    public static Rejection NoRows { get; } =
        new("no-rows", "The upload has a header row but no conversions.");

    /// <summary>The CSV itself is broken at a line (a stray quote, a row with more or fewer fields than the header).</summary>
    public static Rejection InvalidCsv(long line, string problem) =>
        new("invalid-csv", $"{problem} Nothing was queued.") { Line = line };

    public static Rejection InvalidHeader(string problem) =>
        new("invalid-header", $"The header row {problem}. It names the columns {string.Join(',', UploadColumns.Required)} (any order), optionally {string.Join(',', UploadColumns.Optional)}.");

    /// <summary>A row's type that is not a conversion type.</summary>
    public static Rejection InvalidType { get; } =
        new("invalid-type", "The type must be ftd, reg or sale.");

    /// <summary>For the documentation and its test: every reason code an upload answers with.</summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        UnsupportedMediaType.Reason, TooLarge.Reason, TooManyRows.Reason, InvalidEncoding.Reason, NoRows.Reason,
        InvalidCsv(0, "").Reason, InvalidHeader("").Reason, InvalidType.Reason,
    ];
}

/// <summary>The columns of a conversion upload (header names match case-insensitively).</summary>
public static class UploadColumns
{
    public static IReadOnlyList<string> Required { get; } = ["clickid", "type", "txid", "payout", "currency", "status"];

    public static IReadOnlyList<string> Optional { get; } = ["network", "program"];
}

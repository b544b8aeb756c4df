using System.Text.Json.Serialization;
using Trax.Core;
using Trax.Input;

namespace Trax.Uploads;

/// <summary>
/// The answer to an upload: <c>processed</c> (every valid row queued), or <c>error</c> with <c>storage-unavailable</c>
/// when some could not be (a 503, like any Trax answer that could not store); counts, then every row in file order
/// with what became of it.
/// </summary>
public sealed record UploadAnswer(string Status, int Rows, int Accepted, int Rejected, int NotQueued, IReadOnlyList<UploadRowResult> Results)
{
    public string? Reason { get; init; }

    public string? Message { get; init; }

    public static UploadAnswer From(IReadOnlyList<UploadRowResult> results)
    {
        var notQueued = results.Count(r => r.Outcome == UploadRowResult.NotQueuedOutcome);
        var answer = new UploadAnswer(
            notQueued == 0 ? "processed" : "error",
            results.Count,
            results.Count(r => r.Outcome == UploadRowResult.AcceptedOutcome),
            results.Count(r => r.Outcome == UploadRowResult.RejectedOutcome),
            notQueued,
            results);
        return notQueued == 0 ? answer : answer with
        {
            Reason = "storage-unavailable",
            Message = "Storage could not be reached, so some rows may not be queued (see results). Upload the file again later: rows queued already come out as duplicates.",
        };
    }
}

/// <summary>One row: its line, its outcome, and its postback id (accepted) or why not (rejected, not-queued).</summary>
public sealed record UploadRowResult(long Line, string Outcome)
{
    public const string AcceptedOutcome = "accepted";
    public const string RejectedOutcome = "rejected";
    public const string NotQueuedOutcome = "not-queued";

    public string? Id { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }

    public static UploadRowResult Accepted(long line, PostbackMessage message) =>
        new(line, AcceptedOutcome) { Id = message.Id, Warnings = message.Warnings is { Count: > 0 } warnings ? warnings : null };

    public static UploadRowResult Rejected(long line, Rejection rejection) =>
        new(line, RejectedOutcome) { Reason = rejection.Reason, Message = rejection.Message };

    public static UploadRowResult NotQueued(long line) => new(line, NotQueuedOutcome)
    {
        Reason = "storage-unavailable",
        Message = "Storage could not be reached, so this row may not be queued. Upload the file again: rows queued already come out as duplicates.",
    };
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UploadAnswer))]
internal sealed partial class UploadJson : JsonSerializerContext;

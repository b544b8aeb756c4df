using System.Text.Json;
using Trax.Http;
using Trax.Links;

namespace Trax.Traffic;

/// <summary>
/// The handler behind <c>POST /api/costs</c>: reads the whole file (CSV or JSON, <see cref="CostFile"/>), refuses it
/// with the first bad row's line, else stores every row (a later upload of the same day and campaign, link or source
/// replaces the earlier one, so uploading a file again is a no-op) and answers which rows name a campaign or link no
/// link has: accepted all the same (costs often arrive before the link is made, or name a campaign only the source
/// knows), and said, so a typo does not hide. Storage faults go to the middleware (503): the upload is safe to repeat.
/// </summary>
public sealed class CostUpload(CostStore costs, LinkStore links, TimeProvider time, ILogger<CostUpload> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (readable, json) = Declared(request.ContentType);
        if (!readable)
        {
            Log.CostsRejected(logger, CostRejections.UnsupportedMediaType.Reason, null);
            return Answers.Rejected(CostRejections.UnsupportedMediaType);
        }

        var body = await RequestBody.ReadAsync(request, CostRejections.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Answers.Rejected(CostRejections.BodyTooLarge);
        }

        var (rows, rejection) = CostFile.Read(body, json);
        if (rejection is not null)
        {
            Log.CostsRejected(logger, rejection.Reason, rejection.Line);
            return Answers.Rejected(rejection);
        }

        var known = await links.ListAsync(cancellationToken);
        var unknown = rows
            .Where(r => (r.Kind == CostKinds.Campaign && !known.Any(l => string.Equals(l.Campaign, r.Value, StringComparison.Ordinal)))
                || (r.Kind == CostKinds.Link && !known.Any(l => l.Id == r.Value)))
            .Select(r => (r.Kind, r.Value))
            .Distinct()
            .ToList();
        await costs.SaveAsync(rows, time.GetUtcNow(), cancellationToken);
        Log.CostsStored(logger, rows.Count, unknown.Count);
        return Answers.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "ok");
            writer.WriteNumber("rows", rows.Count);
            writer.WriteStartArray("unknown");
            foreach (var (kind, value) in unknown)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", kind);
                writer.WriteString("value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// Whether the body can be read, and as JSON (true) or CSV (false), from its Content-Type: JSON or CSV in UTF-8.
    /// None said: JSON is told from CSV by the body (null), as before the type was read, so that older callers keep
    /// working; so is a form type in UTF-8, which is what <c>curl --data-binary</c> says when not told otherwise.
    /// </summary>
    private static (bool Readable, bool? Json) Declared(string? contentType) =>
        string.IsNullOrEmpty(contentType) ? (true, null) : MediaTypes.Parse(contentType) switch
        {
            ("application/json" or "text/json", true) => (true, true),
            ("text/csv", true) => (true, false),
            ("application/x-www-form-urlencoded", true) => (true, null),
            _ => (false, null),
        };
}

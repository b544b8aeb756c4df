using System.Text.Json;
using Trax.Conversions;
using Trax.Http;
using Trax.Input;
using Trax.Storage;

namespace Trax.Forwards;

/// <summary>
/// <c>POST /api/forwards/preview</c>: a forward as the PUT would save it (refused with the PUT's reason codes),
/// rendered for a stored conversion (its values as a job carries them, <see cref="ForwardJob.ValuesOf"/>) or for a
/// sample with every macro filled, by <see cref="RenderedForward.Render"/>, the code the sender sends with. Nothing
/// is saved, queued or sent.
/// </summary>
public sealed class ForwardPreviewer(ConversionStore conversions, IOptions<ForwardingOptions> options)
{
    private const string PreviewId = "preview";

    /// <summary>A sample conversion's values: every macro filled, a few with characters that need encoding.</summary>
    public static IReadOnlyDictionary<string, string?> Sample { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["clickid"] = "85512345",
        ["type"] = "sale",
        ["status"] = "approved",
        ["payout"] = "25.50",
        ["currency"] = "EUR",
        ["txid"] = "T-1001",
        ["network"] = "AffiliateWeb",
        ["program"] = "SuperGame1",
        ["campaign"] = "black friday",
        ["linkid"] = "supergame1",
        ["source"] = "newsletter",
        ["sub1"] = "gclid-abc",
        ["sub2"] = "a&b=c",
        ["sub3"] = "sub3",
        ["sub4"] = "sub4",
        ["sub5"] = "sub5",
        ["conversionid"] = "85512345/sale:T-1001",
        ["postbackid"] = "0000000000000-sample",
        ["receivedat"] = "2026-11-25T09:12:03Z",
    };

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadAsync(request, ForwardRejections.MaxBodyBytes + 1024, cancellationToken);
        if (bytes is null)
        {
            return Answers.Rejected(ForwardRejections.BodyTooLarge);
        }

        ForwardRequest? forwardRequest;
        string? conversionId;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("forward", out var forwardJson) || forwardJson.ValueKind != JsonValueKind.Object)
            {
                return Answers.Rejected(ForwardRejections.InvalidBody);
            }

            forwardRequest = forwardJson.Deserialize(ForwardsJsonContext.Default.ForwardRequest);
            conversionId = document.RootElement.TryGetProperty("conversion", out var c) && c.ValueKind != JsonValueKind.Null ? c.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Answers.Rejected(ForwardRejections.InvalidBody with { Message = $"{ForwardRejections.InvalidBody.Message} {ex.Message}" });
        }

        // The id is the PUT's path id; a preview has none of its own.
        var (forward, rejection) = forwardRequest is null
            ? (null, ForwardRejections.InvalidBody)
            : ForwardValidator.Validate(forwardRequest with { Id = null }, PreviewId, options.Value.AllowPrivateDestinations);
        if (rejection is not null)
        {
            return Answers.Rejected(rejection);
        }

        IReadOnlyDictionary<string, string?> values = Sample;
        bool? matches = null;
        if (!string.IsNullOrWhiteSpace(conversionId))
        {
            if (ConversionKeys.ParseConversionId(conversionId.Trim()) is not { } key)
            {
                return Answers.Rejected(ForwardRejections.InvalidConversionId);
            }

            if (await conversions.FindAsync(key.ClickId, key.Key, cancellationToken) is not { } conversion)
            {
                return Answers.Rejected(ForwardRejections.UnknownConversion);
            }

            values = ForwardJob.ValuesOf(conversion, ConversionKeys.ConversionId(conversion.ClickId, conversion.Key));
            matches = forward!.Filters.Match(conversion);
        }

        var (rendered, tooLong) = RenderedForward.Render(forward!, values, Parse);
        return Answers.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", rendered is null ? "too-long" : "ok");
            writer.WriteBoolean("sample", matches is null);
            if (matches is { } m)
            {
                writer.WriteBoolean("matches", m);
            }
            else
            {
                writer.WriteNull("matches");
            }

            if (rendered is null)
            {
                writer.WriteString("message", $"The {tooLong} filled in is longer than {ForwardRejections.MaxRenderedLength:N0} characters: Trax would send nothing.");
            }
            else
            {
                writer.WriteString("method", rendered.Method);
                writer.WriteString("url", rendered.Url);
                if (rendered.ContentType is not null)
                {
                    writer.WriteString("contentType", rendered.ContentType);
                    writer.WriteString("body", rendered.Body);
                }
            }

            writer.WriteEndObject();
        });
    }

    private static ForwardTemplate Parse(string text) =>
        ForwardTemplate.TryParse(text, out var parsed, out var unknown) ? parsed! : throw new InvalidOperationException($"A validated forward holds the unknown macro {{{unknown}}}.");
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Trax.Conversions;
using Trax.Http;
using Trax.Links;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Clicks;

/// <summary>
/// The handler behind <c>POST /api/clicks</c>. Each click is an insert-if-absent (a 409 means it was registered
/// before: "exists", which is fine), then the orphan conversions of its id, if any, are re-attributed. The answer
/// is 200 when every click is created or exists, 400 when some were refused (the others are stored), and 503 when
/// storage failed for some: posting the same body again is always safe.
/// </summary>
public sealed class ClickRegistrar(
    TraxTables tables,
    LinkCache links,
    OrphanReattributor orphans,
    IpPrivacy ipPrivacy,
    TimeProvider time,
    IOptions<TraxOptions> options,
    ILogger<ClickRegistrar> logger)
{
    private const int Concurrency = 8;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (clicks, rejection) = await ReadAsync(request, cancellationToken);
        if (rejection is not null)
        {
            Log.RegistrationRejected(logger, rejection.Reason);
            return ErrorAnswers.Rejected(rejection);
        }

        var results = new ClickResult[clicks!.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, clicks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await RegisterAsync(clicks[i], ct));

        var created = results.Count(r => r.Status == "created");
        var existing = results.Count(r => r.Status == "exists");
        var rejected = results.Count(r => r.Status == "rejected");
        var failed = results.Count(r => r.Status == "error");
        var (status, outcome) = failed > 0 ? (StatusCodes.Status503ServiceUnavailable, "error")
            : rejected > 0 ? (StatusCodes.Status400BadRequest, "rejected")
            : (StatusCodes.Status200OK, "ok");
        return new JsonAnswer<ClickRegistrationBody>(status,
            new ClickRegistrationBody(outcome, created, existing, rejected, failed, results), ClicksJsonContext.Default.ClickRegistrationBody)
        {
            RetryAfterSeconds = failed > 0 ? options.Value.RetryAfterSeconds : null,
        };
    }

    private async Task<ClickResult> RegisterAsync(ClickRegistration registration, CancellationToken cancellationToken)
    {
        var clickId = registration.ClickId?.Trim();
        if (PostbackValidator.CheckClickId(clickId) is { } badId)
        {
            return Refused(clickId, badId);
        }

        var now = time.GetUtcNow();
        var clickedAt = (registration.ClickedAt ?? now).ToUniversalTime();
        if (clickedAt > now + ClickRejections.MaxClockSkew)
        {
            return Refused(clickId, ClickRejections.InvalidClickedAt);
        }

        var (click, warnings) = await BuildAsync(registration, clickId!, clickedAt, cancellationToken);
        try
        {
            var stored = await InsertAsync(click, cancellationToken);
            var reattributed = await orphans.ReattributeAsync(stored ?? click, cancellationToken);
            var outcome = stored is null ? "created" : "exists";
            Log.Registered(logger, click.ClickId, outcome, reattributed);
            return new ClickResult(click.ClickId, outcome, Reattributed: reattributed, Warnings: warnings);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.RegistrationFailed(logger, ex, click.ClickId);
            return new ClickResult(click.ClickId, "error", "storage-unavailable",
                "The click could not be stored (or its orphan conversions not updated). Post it again later: registration is idempotent.",
                Warnings: warnings);
        }
    }

    /// <summary>
    /// Null when the click is new; the stored click when it was registered before. Re-attribution then uses what
    /// storage holds, so a retry after a failure between insert and re-attribution finishes the job.
    /// </summary>
    private async Task<ClickEntity?> InsertAsync(ClickEntity click, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Clicks.AddEntityAsync(click, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            var stored = await tables.Clicks.GetEntityIfExistsAsync<ClickEntity>(click.PartitionKey, Keys.ClickRow, cancellationToken: cancellationToken);
            return stored.HasValue ? stored.Value : click;
        }
    }

    private async Task<(ClickEntity Click, List<string>? Warnings)> BuildAsync(
        ClickRegistration registration, string clickId, DateTimeOffset clickedAt, CancellationToken cancellationToken)
    {
        List<string>? warnings = null;
        var click = ClickEntity.Create(clickId, clickedAt);
        click.Via = "api";

        Link? link = null;
        if (Optional(registration.LinkId, "linkId", ref warnings) is { } rawLinkId)
        {
            if (LinkId.Normalize(rawLinkId) is not { } linkId)
            {
                PostbackValidator.Warn(ref warnings, "linkId", "invalid");
            }
            else
            {
                click.LinkId = linkId;
                try
                {
                    link = (await links.FindAsync(linkId, cancellationToken)).Link;
                    if (link is null)
                    {
                        PostbackValidator.Warn(ref warnings, "linkId", "unknown-link");
                    }
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // The link only supplies defaults: store the click without them rather than not at all.
                    PostbackValidator.Warn(ref warnings, "linkId", "lookup-failed");
                }
            }
        }

        click.Network = Optional(registration.Network, "network", ref warnings) ?? link?.Network;
        click.Program = Optional(registration.Program, "program", ref warnings) ?? link?.Program;
        click.Campaign = Optional(registration.Campaign, "campaign", ref warnings) ?? link?.Campaign;
        click.AttributionWindowDays = link?.AttributionWindowDays;
        if (registration.AttributionWindowDays is { } days)
        {
            if (days is >= 1 and <= LinkValidator.MaxAttributionWindowDays)
            {
                click.AttributionWindowDays = days;
            }
            else
            {
                PostbackValidator.Warn(ref warnings, "attributionWindowDays", "out-of-range");
            }
        }

        click.Source = Optional(registration.Source, "source", ref warnings);
        click.Sub1 = Optional(registration.Sub1, "sub1", ref warnings);
        click.Sub2 = Optional(registration.Sub2, "sub2", ref warnings);
        click.Sub3 = Optional(registration.Sub3, "sub3", ref warnings);
        click.Sub4 = Optional(registration.Sub4, "sub4", ref warnings);
        click.Sub5 = Optional(registration.Sub5, "sub5", ref warnings);
        click.UserAgent = ClickTracker.UserAgent(registration.UserAgent?.Trim());
        if (registration.Ip is { Length: > 0 } ip)
        {
            if (ClientAddress.TryParse(ip, out var address))
            {
                (click.IpHash, click.IpPrefix) = ipPrivacy.Protect(address);
            }
            else
            {
                PostbackValidator.Warn(ref warnings, "ip", "invalid");
            }
        }

        click.Warnings = warnings is null ? null : string.Join(';', warnings);
        return (click, warnings);
    }

    private static string? Optional(string? value, string name, ref List<string>? warnings) =>
        PostbackValidator.ReadOptional(new StringValues(value), name, ref warnings);

    private ClickResult Refused(string? clickId, Rejection rejection)
    {
        Log.RegistrationRejected(logger, rejection.Reason);
        return new ClickResult(string.IsNullOrEmpty(clickId) ? null : clickId, "rejected", rejection.Reason, rejection.Message);
    }

    /// <summary>One click object or an array of them; anything else is refused whole, before any write.</summary>
    private static async Task<(IReadOnlyList<ClickRegistration>? Clicks, Rejection? Rejection)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, ClickRejections.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, ClickRejections.BodyTooLarge);
        }

        try
        {
            var json = new Utf8JsonReader(body);
            json.Read();
            IReadOnlyList<ClickRegistration>? clicks = json.TokenType switch
            {
                JsonTokenType.StartArray => JsonSerializer.Deserialize(body, ClicksJsonContext.Default.ListClickRegistration),
                JsonTokenType.StartObject => [JsonSerializer.Deserialize(body, ClicksJsonContext.Default.ClickRegistration)!],
                _ => null,
            };
            return clicks switch
            {
                null => (null, ClickRejections.InvalidBody),
                { Count: 0 } => (null, ClickRejections.EmptyBatch),
                { Count: > ClickRejections.MaxBatch } => (null, ClickRejections.BatchTooLarge),
                _ when clicks.Any(c => c is null) => (null, ClickRejections.InvalidBody),
                _ => (clicks, null),
            };
        }
        catch (JsonException ex)
        {
            return (null, ClickRejections.InvalidBody with { Message = $"{ClickRejections.InvalidBody.Message} {ex.Message}" });
        }
    }
}

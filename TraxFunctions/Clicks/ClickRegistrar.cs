using System.Text.Json;
using Trax.Http;
using Trax.Input;
using Trax.Links;

namespace Trax.Clicks;

/// <summary>
/// The handler behind <c>POST /api/clicks</c>. Each click is an insert-if-absent (a conflict means it was
/// registered before: "exists", which is fine), then whatever waited for its id (orphan conversions) is joined to
/// it. The answer is 200 when every click is created or exists, 400 when some were refused (the others are stored).
/// When storage fails the whole request is a 503 (from the middleware): posting the same body again is always safe.
/// </summary>
public sealed class ClickRegistrar(
    ClickStore clicks,
    ClickDayStore days,
    LinkCache links,
    ClickFactory factory,
    IClickListener listener,
    TimeProvider time,
    ILogger<ClickRegistrar> logger)
{
    private const int Concurrency = 8;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (registrations, rejection) = await ReadAsync(request, cancellationToken);
        if (rejection is not null)
        {
            Log.RegistrationRejected(logger, rejection.Reason);
            return Answers.Rejected(rejection);
        }

        var results = new ClickResult[registrations!.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, registrations.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await RegisterAsync(registrations[i], ct));

        var created = results.Count(r => r.Status == "created");
        var existing = results.Count(r => r.Status == "exists");
        var rejected = results.Count(r => r.Status == "rejected");
        return Answers.Json(rejected > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
            new ClickRegistrationBody(rejected > 0 ? "rejected" : "ok", created, existing, rejected, results),
            ClicksJsonContext.Default.ClickRegistrationBody);
    }

    private async Task<ClickResult> RegisterAsync(ClickRegistration registration, CancellationToken cancellationToken)
    {
        var clickId = registration.ClickId?.Trim();
        if (ClickId.Check(clickId) is { } badId)
        {
            return Refused(clickId, badId);
        }

        var now = time.GetUtcNow();
        var clickedAt = (registration.ClickedAt ?? now).ToUniversalTime();
        if (clickedAt > now + ClickRejections.MaxClockSkew || clickedAt < ClickRejections.EarliestClickedAt)
        {
            return Refused(clickId, ClickRejections.InvalidClickedAt);
        }

        if (Cost.Read(registration.Cost, registration.Currency, Cost.MaxPerClick).Rejection is { } badCost)
        {
            return Refused(clickId, badCost);
        }

        var warnings = new Warnings();
        var (link, linkId) = await FindLinkAsync(registration.LinkId, warnings, cancellationToken);
        var click = factory.Create(
            new ClickDetails(clickId!, clickedAt, "api")
            {
                Link = link,
                LinkId = linkId,
                Network = registration.Network,
                Program = registration.Program,
                Campaign = registration.Campaign,
                AttributionWindowDays = registration.AttributionWindowDays,
                Source = registration.Source,
                SubIds = [registration.Sub1, registration.Sub2, registration.Sub3, registration.Sub4, registration.Sub5],
                UserAgent = registration.UserAgent,
                Ip = ParseIp(registration.Ip, warnings),
                Cost = registration.Cost,
                CostCurrency = registration.Currency,
            },
            warnings);

        // Order: the click first, then what waited for it; a retry of the whole registration finishes the job,
        // joining orphans to the click as stored (the first registration's fields win).
        var created = await clicks.TryAddAsync(click, cancellationToken);
        var stored = created ? click : await clicks.FindAsync(click.ClickId, cancellationToken) ?? click;

        // Counted as stored, insert-if-absent: a retried registration counts nothing twice.
        await days.TryAddAsync(stored, cancellationToken);
        var reattributed = await listener.ClickRegisteredAsync(stored, cancellationToken);
        var outcome = created ? "created" : "exists";
        Log.Registered(logger, click.ClickId, outcome, reattributed);
        return new ClickResult(click.ClickId, outcome, Reattributed: reattributed, Warnings: click.Warnings.Count > 0 ? click.Warnings : null);
    }

    /// <summary>The link a registration names: only supplies defaults, so a bad or unknown id is a warning, not a refusal.</summary>
    private async Task<(Link? Link, string? LinkId)> FindLinkAsync(string? raw, Warnings warnings, CancellationToken cancellationToken)
    {
        if (OptionalField.Read(raw, "linkId", warnings) is not { } value)
        {
            return (null, null);
        }

        if (LinkId.Normalize(value) is not { } linkId)
        {
            warnings.Add("linkId", "invalid");
            return (null, null);
        }

        var link = (await links.FindAsync(linkId, cancellationToken)).Link;
        if (link is null)
        {
            warnings.Add("linkId", "unknown-link");
        }

        return (link, linkId);
    }

    private static System.Net.IPAddress? ParseIp(string? ip, Warnings warnings)
    {
        if (string.IsNullOrWhiteSpace(ip))
        {
            return null;
        }

        if (ClientAddress.TryParse(ip, out var address))
        {
            return address;
        }

        warnings.Add("ip", "invalid");
        return null;
    }

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

using System.Text.Json.Serialization;

namespace Trax.Core;

/// <summary>
/// What the HTTP functions put on the queue and the processor reads: the validated postback plus the raw
/// callback, so nothing the network sent is lost. Versioned: a processor refuses a version it does not know.
/// </summary>
public sealed record PostbackMessage
{
    public const int CurrentVersion = 1;

    /// <summary>The method of a row of a conversion upload.</summary>
    public const string UploadMethod = "UPLOAD";

    [JsonPropertyName("v")]
    public required int Version { get; init; }

    /// <summary>Our id for this callback (time-ordered), returned to the network in the 200 answer.</summary>
    public required string Id { get; init; }

    public required ConversionType Type { get; init; }

    public required string ClickId { get; init; }

    public string? Network { get; init; }

    public string? Program { get; init; }

    [JsonPropertyName("txid")]
    public string? TxId { get; init; }

    public decimal? Payout { get; init; }

    public string? Currency { get; init; }

    public string? Status { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public string? Method { get; init; }

    /// <summary>The query string as received (without '?'), unknown parameters included.</summary>
    public string? Query { get; init; }

    /// <summary>The form body as received, for networks that POST.</summary>
    public string? Body { get; init; }

    /// <summary>The address of the connection that called us (not a visitor: a network's server).</summary>
    public string? ClientIp { get; init; }

    /// <summary>The X-Forwarded-For header as received; recorded, never trusted.</summary>
    public string? ForwardedFor { get; init; }

    public string? UserAgent { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>
    /// For a row of a conversion upload: the SHA-256 (hex) of the file and the line the row starts on, so that the same
    /// row uploaded again is known as such. Absent on postbacks, and on rows queued before it existed.
    /// </summary>
    public string? UploadFile { get; init; }

    public long? UploadLine { get; init; }

    /// <summary>The longest text Trax stores from this message: a table property holds at most 32K characters.</summary>
    [JsonIgnore]
    public int LongestText => new[] { ClickId, Network, Program, TxId, Status, Query, Body, ClientIp, ForwardedFor, UserAgent }
        .Max(text => text?.Length ?? 0);

    /// <summary>What the network said (with the fields dropped from it), as one value: the conversion keeps it and the log shows it.</summary>
    [JsonIgnore]
    public Postback Postback => new(Type, ClickId, Network, Program, TxId, Payout, Currency, Status) { Warnings = Warnings ?? [] };

    /// <summary>The raw callback this message carries; <see cref="Create"/> writes it, the one place that maps it to the JSON.</summary>
    [JsonIgnore]
    public PostbackSource Source => new(Method, Query, Body, ClientIp, ForwardedFor, UserAgent);

    public static PostbackMessage Create(Postback postback, PostbackSource source, string id, DateTimeOffset receivedAt) => new()
    {
        Version = CurrentVersion,
        Id = id,
        Type = postback.Type,
        ClickId = postback.ClickId,
        Network = postback.Network,
        Program = postback.Program,
        TxId = postback.TxId,
        Payout = postback.Payout,
        Currency = postback.Currency,
        Status = postback.Status,
        ReceivedAt = receivedAt,
        Method = source.Method,
        Query = source.Query,
        Body = source.Body,
        ClientIp = source.ClientIp,
        ForwardedFor = source.ForwardedFor,
        UserAgent = source.UserAgent,
        Warnings = postback.Warnings.Count > 0 ? postback.Warnings : null,
    };
}

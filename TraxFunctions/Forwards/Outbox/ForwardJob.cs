using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trax.Conversions;
using Trax.Core;
using Trax.Input;

namespace Trax.Forwards;

/// <summary>
/// One conversion state to send to one forward: a message on the <c>forwards</c> queue. It carries the values of
/// the state as it was decided, so a later change of the conversion never changes what this job sends. Its
/// <see cref="Id"/> is a hash of the forward and its version, the conversion and the state's version (who set its
/// status and its money): the same decision, however often the processor writes it again, is the same job, and two
/// different states, or two versions of a forward, are never one job.
/// </summary>
public sealed record ForwardJob
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    public required string Id { get; init; }

    public required string ForwardId { get; init; }

    /// <summary>
    /// The version of the forward the job was made for (<see cref="Forward.Version"/>): a job is sent only while the
    /// forward still has it. Null in jobs made for a forward saved before versions, and in jobs queued by a Trax
    /// before them: those belong to the forward until it is next saved with a change.
    /// </summary>
    public string? ForwardVersion { get; init; }

    public required string ConversionId { get; init; }

    public required string ClickId { get; init; }

    public required string ConversionKey { get; init; }

    /// <summary>The status this job sends (what a destination acts on).</summary>
    public required string Status { get; init; }

    public required string StatusBy { get; init; }

    public required string MoneyBy { get; init; }

    /// <summary>
    /// The version of the state this job sends (<see cref="ConversionState.Version"/>): a job whose conversion has a
    /// higher version in another status is superseded. Null for a state from before versions, and in jobs queued by a
    /// Trax before this field: those compare who set the status instead.
    /// </summary>
    public long? StateVersion { get; init; }

    /// <summary>Every macro's value for this state (<see cref="ForwardMacros.All"/>).</summary>
    public required IReadOnlyDictionary<string, string?> Values { get; init; }

    /// <summary>1 for the first attempt; each retry is a new message with the next number.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>When the job was first queued: retries stop <see cref="ForwardingOptions.GiveUpAfterHours"/> later.</summary>
    public required DateTimeOffset FirstQueuedAt { get; init; }

    /// <summary>
    /// Unique to each message sent to the queue: a redelivery of this very message (after a crash) has it, another
    /// copy of the same job (queued again by a redelivered postback) does not.
    /// </summary>
    public required string Copy { get; init; }

    /// <summary>
    /// The queue's id of the message this job was read from (not part of the message). A send whose answer is lost is
    /// sent again by the storage SDK, so two messages can carry one <see cref="Copy"/>: only the message id tells a
    /// redelivery of this very message from such a twin.
    /// </summary>
    [JsonIgnore]
    public string? MessageId { get; init; }

    /// <summary>Who claims the job's attempt in its claim row: this copy as read from this message.</summary>
    [JsonIgnore]
    public string Claimant => MessageId is null ? Copy : Copy + "." + MessageId;

    /// <summary>An operator's replay: its own job, sent even if this state was delivered before.</summary>
    public bool Replay { get; init; }

    /// <summary>Why it was dead-lettered (only on messages in <c>forwards-poison</c>).</summary>
    public string? LastError { get; init; }

    public static ForwardJob For(Forward forward, Conversion conversion, DateTimeOffset now, bool replay = false)
    {
        var conversionId = ConversionKeys.ConversionId(conversion.ClickId, conversion.Key);
        // A forward without a version hashes as before versions, so a redelivered postback queues the same job again.
        // The state's version tells a status that returns to an earlier postback's word (a late postback made a later
        // one its resend) from the first time that word was the state: the partner heard something else in between.
        var version = string.Join('\n', forward.Id, conversionId, conversion.State.StatusBy, conversion.State.MoneyBy)
                      + (forward.Version is { } v ? "\nforward-version\n" + v : "")
                      + (conversion.State.Version > 0 ? "\nstate-version\n" + conversion.State.Version.ToString(CultureInfo.InvariantCulture) : "");
        return new ForwardJob
        {
            Id = Hash(replay ? version + "\nreplay\n" + Guid.NewGuid().ToString("N") : version),
            ForwardId = forward.Id,
            ForwardVersion = forward.Version,
            ConversionId = conversionId,
            ClickId = conversion.ClickId,
            ConversionKey = conversion.Key,
            Status = conversion.State.Status.ToName(),
            StatusBy = conversion.State.StatusBy,
            MoneyBy = conversion.State.MoneyBy,
            StateVersion = conversion.State.Version > 0 ? conversion.State.Version : null,
            Values = ValuesOf(conversion, conversionId),
            FirstQueuedAt = now,
            Copy = Guid.NewGuid().ToString("N"),
            Replay = replay,
        };
    }

    /// <summary>The next attempt, as a new message.</summary>
    public ForwardJob Next() => this with { Attempt = Attempt + 1, Copy = Guid.NewGuid().ToString("N"), MessageId = null };

    /// <summary>The macro values of a conversion in its state: the network it named, else its click's.</summary>
    public static Dictionary<string, string?> ValuesOf(Conversion conversion, string conversionId)
    {
        var click = conversion.Attribution?.Click;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["clickid"] = conversion.ClickId,
            ["type"] = conversion.Type.ToName(),
            ["status"] = conversion.State.Status.ToName(),
            ["payout"] = conversion.State.Payout is { } payout ? Payout.Format(payout) : null,
            ["currency"] = conversion.State.Currency,
            ["txid"] = conversion.TxId,
            ["network"] = conversion.NetworkOrClicks,
            ["program"] = conversion.ProgramOrClicks,
            ["campaign"] = click?.Campaign,
            ["linkid"] = click?.LinkId,
            ["source"] = click?.Source,
            ["sub1"] = click?.Sub1,
            ["sub2"] = click?.Sub2,
            ["sub3"] = click?.Sub3,
            ["sub4"] = click?.Sub4,
            ["sub5"] = click?.Sub5,
            ["conversionid"] = conversionId,
            // No postback said a status (approved as created): the one that stored it.
            ["postbackid"] = conversion.State.StatusBy is { Length: > 0 } statusBy ? statusBy : conversion.PostbackId,
            ["receivedat"] = conversion.ReceivedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}

/// <summary>A job message that cannot be read: poisoned after the host's retries, like a malformed postback.</summary>
public sealed class InvalidForwardJobException(string message, Exception? inner = null) : Exception(message, inner);

public static class ForwardJobJson
{
    public static byte[] Serialize(ForwardJob job) => JsonSerializer.SerializeToUtf8Bytes(job, ForwardJobJsonContext.Default.ForwardJob);

    public static ForwardJob Deserialize(string json)
    {
        ForwardJob? job;
        try
        {
            job = JsonSerializer.Deserialize(json, ForwardJobJsonContext.Default.ForwardJob);
        }
        catch (JsonException ex)
        {
            throw new InvalidForwardJobException("The forward job is not valid JSON.", ex);
        }

        return job switch
        {
            null => throw new InvalidForwardJobException("The forward job is empty."),
            { Version: not ForwardJob.CurrentVersion } => throw new InvalidForwardJobException($"Forward job version {job.Version} is not supported (this deliverer reads version {ForwardJob.CurrentVersion})."),
            { Attempt: < 1 } => throw new InvalidForwardJobException("The forward job's attempt must be 1 or more."),
            _ => job,
        };
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ForwardJob))]
internal sealed partial class ForwardJobJsonContext : JsonSerializerContext;

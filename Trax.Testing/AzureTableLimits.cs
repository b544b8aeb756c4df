using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Trax.Testing;

/// <summary>
/// Makes Azurite as strict as Azure Table Storage where Azurite is lax: a key is at most 512 UTF-16 characters
/// (1 KiB; Azurite takes 1,024), a string property at most 32,768 characters (64 KiB), a binary one at most 64 KiB,
/// an entity at most 1 MiB (Azure's count: keys, names and values), a date no earlier than
/// 1601-01-01 UTC, and keys hold none of <c>/ \ # ?</c> or control characters. A request that Azure would refuse
/// fails here before it is sent, with Azure's status (400) and error code, so integration tests see what
/// production would. Registered on every storage client of the test harness (<c>AddTrax</c> adds DI policies).
/// </summary>
public sealed partial class AzureTableLimits : HttpPipelinePolicy
{
    public const int MaxKeyLength = 512;
    public const int MaxStringLength = 32 * 1024;
    public const int MaxBinaryLength = 64 * 1024;
    public const int MaxEntitySize = 1024 * 1024;
    public static readonly DateTimeOffset MinDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Requests refused so far, for tests that assert that none was (or one was).</summary>
    public int Refused => refused;

    private int refused;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        var request = message.Request;
        if (!request.Headers.Contains("DataServiceVersion"))
        {
            return; // not a table request
        }

        if (Violation(request) is { } violation)
        {
            Interlocked.Increment(ref refused);
            throw new RequestFailedException(400, $"Azure would refuse this request: {violation.Message}", violation.Code, null);
        }
    }

    internal static (string Code, string Message)? Violation(Request request)
    {
        var uri = Uri.UnescapeDataString(request.Uri.ToUri().AbsolutePath);
        var text = Body(request);

        // Keys in a URL (point read, update, delete) and in the request lines of a batch (still percent-encoded).
        foreach (var (source, escaped) in new[] { (uri, false), (text, true) })
        {
            foreach (Match key in UrlKey().Matches(source))
            {
                var value = escaped ? Uri.UnescapeDataString(key.Groups[2].Value) : key.Groups[2].Value;
                if (KeyProblem(value.Replace("''", "'")) is { } problem)
                {
                    return ("KeyValueTooLarge", $"{key.Groups[1].Value} {problem}");
                }
            }
        }

        foreach (var json in JsonObjects(text))
        {
            if (EntityProblem(json) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static (string Code, string Message)? EntityProblem(JsonElement entity)
    {
        // Azure's entity size: 4 bytes, the keys in UTF-16, and per property 8 bytes, its name in UTF-16 and its value.
        long size = 4;
        foreach (var property in entity.EnumerateObject())
        {
            if (property.Name.EndsWith("@odata.type", StringComparison.Ordinal) || property.Name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            var isBinary = entity.TryGetProperty(property.Name + "@odata.type", out var binaryType) && binaryType.GetString() == "Edm.Binary";
            var bytes = isBinary ? Base64Length(property.Value.GetString()!)
                : property.Value.ValueKind == JsonValueKind.String ? 2L * property.Value.GetString()!.Length : 8;
            size += property.Name is "PartitionKey" or "RowKey" ? bytes : 8 + (2L * property.Name.Length) + bytes;
            if (isBinary && bytes > MaxBinaryLength)
            {
                return ("PropertyValueTooLarge", $"{property.Name} holds {bytes} bytes (at most {MaxBinaryLength})");
            }

            if (size > MaxEntitySize)
            {
                return ("EntityTooLarge", $"the entity is over {MaxEntitySize} bytes");
            }

            if (property.Name is "PartitionKey" or "RowKey" && property.Value.ValueKind == JsonValueKind.String
                && KeyProblem(property.Value.GetString()!) is { } keyProblem)
            {
                return ("KeyValueTooLarge", $"{property.Name} {keyProblem}");
            }

            if (isBinary || property.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var value = property.Value.GetString()!;
            if (value.Length > MaxStringLength)
            {
                return ("PropertyValueTooLarge", $"{property.Name} holds {value.Length} characters (at most {MaxStringLength})");
            }

            var isDate = entity.TryGetProperty(property.Name + "@odata.type", out var type) && type.GetString() == "Edm.DateTime";
            if (isDate && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date < MinDate)
            {
                return ("OutOfRangeInput", $"{property.Name} is {value}, before {MinDate:yyyy-MM-dd}");
            }
        }

        return null;
    }

    private static long Base64Length(string base64) =>
        (base64.Length / 4 * 3) - (base64.EndsWith("==", StringComparison.Ordinal) ? 2 : base64.EndsWith('=') ? 1 : 0);

    private static string? KeyProblem(string key) =>
        key.Length > MaxKeyLength ? $"is {key.Length} characters long (at most {MaxKeyLength})"
        : key.AsSpan().IndexOfAny("/\\#?") >= 0 || key.Any(c => c <= '\u001F' || c is >= '\u007F' and <= '\u009F') ? "holds a character keys may not hold"
        : null;

    private static string Body(Request request)
    {
        if (request.Content is null)
        {
            return "";
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The entity bodies: the whole body of a single request, each JSON line of a batch.</summary>
    private static IEnumerable<JsonElement> JsonObjects(string text)
    {
        var trimmed = text.TrimStart();
        var candidates = trimmed.StartsWith('{') ? [trimmed] : text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{'));
        foreach (var candidate in candidates)
        {
            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(candidate);
                element = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }

            if (element.ValueKind == JsonValueKind.Object)
            {
                yield return element;
            }
        }
    }

    [GeneratedRegex("(PartitionKey|RowKey)='((?:[^']|'')*)'")]
    private static partial Regex UrlKey();
}

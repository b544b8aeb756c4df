using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Trax.Core;

/// <summary>The queue message's wire format (UTF-8 JSON, camelCase, type as "ftd"), in one place.</summary>
public static class PostbackMessageJson
{
    /// <summary>
    /// The message is read by our processor only, never embedded in HTML, so HTML-sensitive characters need no
    /// escaping: the default encoder writes each '&amp;' of the raw query as \u0026, which took longer than the rest
    /// of the serialization. Quotes, backslashes and control characters are still escaped; readers see the same values.
    /// </summary>
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonTypeInfo<PostbackMessage> Writing =
        new PostbackJsonContext(new JsonSerializerOptions(PostbackJsonContext.Default.Options) { Encoder = Encoder }).PostbackMessage;

    public static byte[] Serialize(PostbackMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, Writing);

    /// <summary>
    /// Reads a queue message, or throws <see cref="InvalidPostbackMessageException"/>: the queue trigger then
    /// retries it and, after <c>maxDequeueCount</c>, the host moves it to the poison queue where it waits for an
    /// operator. A message is never silently dropped.
    /// </summary>
    public static PostbackMessage Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        PostbackMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(utf8Json, PostbackJsonContext.Default.PostbackMessage);
        }
        catch (JsonException ex)
        {
            // A message from a newer (or older) writer fails on its shape; say which version it was.
            if (TopLevelVersion(utf8Json) is { } version && version != PostbackMessage.CurrentVersion)
            {
                throw new InvalidPostbackMessageException(UnsupportedVersion(version), ex);
            }

            throw new InvalidPostbackMessageException($"The message is not a postback message: {ex.Message}", ex);
        }

        if (message is null)
        {
            throw new InvalidPostbackMessageException("The message is empty (JSON null).");
        }

        if (message.Version != PostbackMessage.CurrentVersion)
        {
            throw new InvalidPostbackMessageException(UnsupportedVersion(message.Version));
        }

        if (string.IsNullOrWhiteSpace(message.Id) || string.IsNullOrWhiteSpace(message.ClickId))
        {
            throw new InvalidPostbackMessageException("The message has no id or no clickId.");
        }

        if (!Enum.IsDefined(message.Type))
        {
            throw new InvalidPostbackMessageException($"The message has an unknown type '{message.Type}'.");
        }

        return message;
    }

    private static string UnsupportedVersion(int version) =>
        $"Message version {version} is not supported (this processor reads version {PostbackMessage.CurrentVersion}).";

    private static int? TopLevelVersion(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("v"u8);
                reader.Read();
                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // not JSON at all: no version to report
        }

        return null;
    }

    public static PostbackMessage Deserialize(string json) => Deserialize(System.Text.Encoding.UTF8.GetBytes(json));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(ConversionTypeJsonConverter)])]
[JsonSerializable(typeof(PostbackMessage))]
internal sealed partial class PostbackJsonContext : JsonSerializerContext;

/// <summary>Writes and reads the type by its URL name ("ftd"); a number or unknown name is an error.</summary>
internal sealed class ConversionTypeJsonConverter() : JsonStringEnumConverter<ConversionType>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

public sealed class InvalidPostbackMessageException(string message, Exception? inner = null) : Exception(message, inner);

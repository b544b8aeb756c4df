using System.Text.Json;
using Trax.Core;
using Trax.Http;
using Trax.Postbacks;

namespace Trax.Networks;

/// <summary>
/// <c>GET /api/networks</c>: the networks the settings name (<c>Trax:Security:Networks</c> for protection,
/// <c>Trax:Networks</c> for status words), whether each is protected by a token or an address list (never the token
/// or the list), its status mapping, and the macro syntaxes networks use. From settings only: no storage is read.
/// </summary>
public sealed class NetworkCatalogue(IOptions<PostbackSecurityOptions> security, IOptions<NetworkOptions> statuses)
{
    public IActionResult Answer() => Answers.Json(Write);

    private void Write(Utf8JsonWriter writer)
    {
        var protection = new Dictionary<string, NetworkProtection>(security.Value.Networks, StringComparer.OrdinalIgnoreCase);
        var mapped = statuses.Value.Networks;
        var names = protection.Keys.Concat(mapped.Keys)
            .DistinctBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase);

        writer.WriteStartObject();
        writer.WriteBoolean("requireProtectedNetwork", security.Value.RequireProtectedNetwork);
        writer.WriteStartArray("networks");
        foreach (var name in names)
        {
            var guard = protection.GetValueOrDefault(name);
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteBoolean("token", !string.IsNullOrEmpty(guard?.Token));
            writer.WriteBoolean("allowedIps", !string.IsNullOrWhiteSpace(guard?.AllowedIps));
            writer.WriteStartObject("statuses");
            foreach (var (word, status) in (mapped.GetValueOrDefault(name)?.Statuses ?? []).OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                writer.WriteString(word, status.ToLowerInvariant());
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("macroSyntaxes");
        foreach (var syntax in MacroSyntax.All)
        {
            writer.WriteStartObject();
            WriteList(writer, "forms", syntax.Forms);
            WriteList(writer, "examples", syntax.Examples);
            writer.WriteString("usedBy", syntax.UsedBy);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}

using System.Text.Json;

namespace Trax.Http;

internal static class JsonWriting
{
    /// <summary>Writes the property only when it has a value: absent, not null, like every Trax answer.</summary>
    public static void WriteIfSet(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>A conversion's state as the APIs show it: <c>{ "status": ..., "payout": ..., "currency": ... }</c>.</summary>
    public static void WriteState(this Utf8JsonWriter json, string name, string status, decimal? payout, string? currency)
    {
        json.WriteStartObject(name);
        json.WriteString("status", status);
        json.WriteIfSet("payout", payout is { } amount ? Input.Payout.Format(amount) : null);
        json.WriteIfSet("currency", currency);
        json.WriteEndObject();
    }
}

using System.Text.Json;

namespace Trax.Reports;

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
}

namespace Trax.Input;

/// <summary>
/// Optional fields that were dropped, and why, as <c>field:reason</c> (<c>program:too-long</c>): collected while a
/// request is read, returned in the 200 answer and stored with what was accepted. Never fatal.
/// </summary>
public sealed class Warnings
{
    private List<string>? items;

    public int Count => items?.Count ?? 0;

    public void Add(string field, string reason) => (items ??= []).Add(string.Concat(field, ":", reason));

    public IReadOnlyList<string> ToList() => items is null ? [] : [.. items];

    /// <summary>As stored in a table property: separated by ';', or null when there are none.</summary>
    public string? Joined => items is null ? null : string.Join(';', items);

    /// <summary>Warnings as a table property stores them (<see cref="Joined"/>): separated by ';', or null when none.</summary>
    public static string? Stored(IReadOnlyList<string> warnings) => warnings.Count > 0 ? string.Join(';', warnings) : null;

    /// <summary>Reads <see cref="Stored"/>'s text back; none for null or empty.</summary>
    public static IReadOnlyList<string> ReadStored(string? stored) => stored is { Length: > 0 } ? stored.Split(';') : [];
}

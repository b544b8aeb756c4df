using System.Reflection;

namespace Trax.Networks;

/// <summary>
/// One placeholder form networks fill their postback templates with (<c>{name}</c>, <c>#name#</c>, …), read from
/// network-macros.md (a copy of ../shared/postbacks/network-macros.md compiled into the assembly).
/// </summary>
public sealed record MacroSyntax(IReadOnlyList<string> Forms, IReadOnlyList<string> Examples, string UsedBy)
{
    public const string ResourceName = "network-macros.md";

    /// <summary>The table's rows, parsed once.</summary>
    public static IReadOnlyList<MacroSyntax> All { get; } = Parse(ReadResource());

    public static IReadOnlyList<MacroSyntax> Parse(string markdown) =>
    [
        .. markdown.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Trim('|').Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 3)
            .Select(cells => new MacroSyntax(Codes(cells[0]), Codes(cells[1]), cells[2])),
    ];

    /// <summary>The values written as code in a cell: <c>`{name}`</c> / <c>`${name}`</c> → {name}, ${name}.</summary>
    private static string[] Codes(string cell) =>
        [.. cell.Split('`').Where((_, i) => i % 2 == 1)];

    private static string ReadResource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

namespace Trax.Core;

/// <summary>What a network reports: a registration, a first-time deposit or a sale.</summary>
public enum ConversionType
{
    Ftd,
    Reg,
    Sale,
}

public static class ConversionTypeNames
{
    /// <summary>The name used in the URL, the queue message and the row key.</summary>
    public static string ToName(this ConversionType type) => type switch
    {
        ConversionType.Ftd => "ftd",
        ConversionType.Reg => "reg",
        ConversionType.Sale => "sale",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown conversion type."),
    };

    /// <summary>The type a name stands for ("ftd", "reg", "sale"); throws on anything else.</summary>
    public static ConversionType Parse(string name) => TryParse(name, out var type)
        ? type
        : throw new FormatException($"'{name}' is not a conversion type (ftd, reg or sale).");

    public static bool TryParse(string? name, out ConversionType type)
    {
        foreach (var candidate in Enum.GetValues<ConversionType>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}

namespace Trax.Postbacks;

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
}

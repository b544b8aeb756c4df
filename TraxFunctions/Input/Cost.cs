using System.Globalization;

namespace Trax.Input;

/// <summary>
/// What traffic cost, as Trax accepts it: the payout's number rules ('.' as separator, at most
/// <see cref="Payout.MaxDecimals"/> decimals) but never negative and within a bound (a click's cost, a day's
/// uploaded spend), and an ISO 4217 currency in use (<see cref="Iso4217"/>), or none: then it is in the base currency.
/// </summary>
public static class Cost
{
    /// <summary>The most one click may cost: a CPC above this is a macro gone wrong, not a price.</summary>
    public const decimal MaxPerClick = 10_000m;

    /// <summary>The most one uploaded row (a day's spend on a campaign, link or source) may hold.</summary>
    public const decimal MaxPerRow = 1_000_000_000m;

    public static Rejection InvalidCost(decimal max) =>
        new("invalid-cost", $"The cost must be a decimal number with '.' as separator, such as 0.25, from 0 to {max.ToString(CultureInfo.InvariantCulture)}, with at most {Payout.MaxDecimals} decimals.");

    public static Rejection InvalidCostCurrency { get; } =
        new("invalid-currency", "The currency must be an ISO 4217 code in use, such as EUR or USD.");

    public static IReadOnlyList<string> Reasons { get; } = ["invalid-cost", InvalidCostCurrency.Reason];

    /// <summary>
    /// The amount and currency, or why they are refused. Both blank: no cost (null amount). A currency without an
    /// amount says nothing and is ignored.
    /// </summary>
    public static (decimal? Amount, string? Currency, Rejection? Rejection) Read(string? amount, string? currency, decimal max)
    {
        if (string.IsNullOrWhiteSpace(amount))
        {
            return (null, null, null);
        }

        if (!Payout.TryParse(amount.Trim(), out var value) || value < 0 || value > max)
        {
            return (null, null, InvalidCost(max));
        }

        if (string.IsNullOrWhiteSpace(currency))
        {
            return (value, null, null);
        }

        return Iso4217.Normalize(currency) is { } code ? (value, code, null) : (null, null, InvalidCostCurrency);
    }
}

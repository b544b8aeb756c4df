using Trax.Core;

namespace Trax.Conversions;

/// <summary>
/// A <see cref="ConversionState"/> as the columns that store it: the status by name, the amount as exact text, the
/// setters as they are. A conversion row keeps its state now, a history row the states before and after, each under
/// its own column names, all packed and read here alike. An entity deconstructs this into its columns.
/// </summary>
internal readonly record struct StoredState(
    string Status, string? StatusRaw, string StatusBy, string? Payout, string? Currency, string MoneyBy, string? CurrencyBy, long? Version)
{
    public static StoredState Of(ConversionState state) => new(
        state.Status.ToName(), state.StatusRaw, state.StatusBy, Input.Payout.FormatStored(state.Payout), state.Currency, state.MoneyBy, state.CurrencyBy, state.Version);

    /// <summary>The state (a row from before versions has none: version 0).</summary>
    public ConversionState ToState() => new(
        ConversionStatusNames.ParseStored(Status), StatusRaw, StatusBy, Input.Payout.ParseStored(Payout), Currency, MoneyBy, CurrencyBy)
    {
        Version = Version ?? 0,
    };
}

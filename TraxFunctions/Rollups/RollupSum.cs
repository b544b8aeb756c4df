using System.Globalization;

namespace Trax.Rollups;

/// <summary>
/// A count of conversions and the exact sum of their payouts (null when none had one); once a sum overflows it
/// stays overflowed and carries no amount, as a report shows it.
/// </summary>
public readonly record struct RollupSum(long Count, decimal? Payout, bool Overflow) : IPackedSum<RollupSum>
{
    private const string OverflowText = "overflow";

    public (long Count, string? Amount) Packed =>
        (Count, Overflow ? OverflowText : Payout?.ToString(CultureInfo.InvariantCulture));

    public static RollupSum One(decimal? payout) => new(1, payout, false);

    public static RollupSum Unpack(long count, string? amount) => amount == OverflowText
        ? new(count, null, true)
        : new(count, amount is null ? null : decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture), false);

    public RollupSum Plus(RollupSum other)
    {
        var overflow = Overflow || other.Overflow;
        decimal? payout = null;
        if (!overflow)
        {
            try
            {
                payout = Payout is null ? other.Payout : other.Payout is null ? Payout : checked(Payout.Value + other.Payout.Value);
            }
            catch (OverflowException)
            {
                overflow = true;
            }
        }

        return new RollupSum(checked(Count + other.Count), payout, overflow);
    }
}

namespace Trax.Reconciliation;

/// <summary>
/// The running totals of an export's amounts, by currency, as the summary will add them. A decimal keeps at most
/// 28–29 digits and rounds a sum that needs more: an export whose total would round is refused at the row that tips
/// it. Totals of absolute values, so that every category's sum (a part of them) is exact too.
/// </summary>
internal sealed class ExportTotals
{
    private readonly Dictionary<string, decimal> byCurrency = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="amount"/> to its currency's total; false if that total could not be kept exactly.</summary>
    public bool TryAdd(string? currency, decimal amount)
    {
        var total = byCurrency.GetValueOrDefault(currency ?? "");
        var size = Math.Abs(amount);
        decimal sum;
        try
        {
            sum = total + size;
        }
        catch (OverflowException)
        {
            return false;
        }

        // A rounded sum keeps fewer decimals than its terms had.
        if (sum.Scale < Math.Max(total.Scale, size.Scale))
        {
            return false;
        }

        byCurrency[currency ?? ""] = sum;
        return true;
    }
}

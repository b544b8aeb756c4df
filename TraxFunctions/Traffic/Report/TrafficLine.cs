namespace Trax.Traffic;

/// <summary>
/// One row of a traffic report as it is summed: its dimensions, clicks, conversions net of rejections by type, the
/// rejections, and its money by (UTC day, currency) so that each is converted at its own day's rate.
/// </summary>
public sealed class TrafficLine(IReadOnlyList<string?> dimensions)
{
    public IReadOnlyList<string?> Dimensions { get; } = dimensions;

    public long Clicks { get; set; }

    public Dictionary<string, long> ConversionsByType { get; } = new(StringComparer.Ordinal) { ["ftd"] = 0, ["reg"] = 0, ["sale"] = 0 };

    public long Conversions => ConversionsByType.Values.Sum();

    public long Rejected { get; set; }

    /// <summary>Payouts net of rejections, per UTC receipt day and currency.</summary>
    public Dictionary<(DateOnly Day, string? Currency), decimal> Revenue { get; } = [];

    /// <summary>Costs per UTC day (the click's, or the uploaded day) and currency (null: the base currency).</summary>
    public Dictionary<(DateOnly Day, string? Currency), decimal> Cost { get; } = [];

    /// <summary>A payout sum overflowed (only rows stored before payouts were bounded can): the revenue is unknown.</summary>
    public bool RevenueOverflow { get; set; }

    /// <summary>Adds a payout sum; one that overflows a decimal (rows stored before payouts were bounded) makes the revenue unknown, never an error.</summary>
    public void AddRevenue(DateOnly day, string? currency, decimal amount)
    {
        try
        {
            Revenue[(day, currency)] = Revenue.GetValueOrDefault((day, currency)) + amount;
        }
        catch (OverflowException)
        {
            RevenueOverflow = true;
        }
    }

    public void AddCost(DateOnly day, string? currency, decimal amount) =>
        Cost[(day, currency)] = Cost.GetValueOrDefault((day, currency)) + amount;

    public void Add(TrafficLine other)
    {
        Clicks += other.Clicks;
        foreach (var (type, count) in other.ConversionsByType)
        {
            ConversionsByType[type] = ConversionsByType.GetValueOrDefault(type) + count;
        }

        Rejected += other.Rejected;
        RevenueOverflow |= other.RevenueOverflow;
        foreach (var (key, amount) in other.Revenue)
        {
            AddRevenue(key.Day, key.Currency, amount);
        }

        foreach (var (key, amount) in other.Cost)
        {
            AddCost(key.Day, key.Currency, amount);
        }
    }
}

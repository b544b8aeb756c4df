using System.Globalization;


namespace Trax.Rates;

/// <summary>
/// Keys of the Rates table: one entity per publication day, partitioned by year (<c>2026</c>) with the day as row key
/// (<c>20261125</c>), so the rates of any range of days are one query over one or two partitions.
/// </summary>
public static class RateKeys
{
    public static string RatesPartition(DateOnly day) => day.Year.ToString("D4", CultureInfo.InvariantCulture);

    public static string RatesRow(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The day a rates row key names; null when it names none.</summary>
    public static DateOnly? RatesDay(string rowKey) =>
        DateOnly.TryParseExact(rowKey, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

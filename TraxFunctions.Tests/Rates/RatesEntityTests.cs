using Azure.Data.Tables;
using Trax.Rates;

namespace Trax.Tests.Rates;

/// <summary>A day's rates as one entity: keys by year and day, rates as exact text, unreadable values left out.</summary>
public sealed class RatesEntityTests
{
    [Test]
    public void Keys_ADay_IsItsYearAndItsDaySortingInDayOrder()
    {
        Assert.That(RateKeys.RatesPartition(new DateOnly(2026, 11, 25)), Is.EqualTo("2026"));
        Assert.That(RateKeys.RatesRow(new DateOnly(2026, 11, 25)), Is.EqualTo("20261125"));
        Assert.That(RateKeys.RatesPartition(new DateOnly(1601, 1, 1)), Is.EqualTo("1601"));
        Assert.That(RateKeys.RatesDay("20261125"), Is.EqualTo(new DateOnly(2026, 11, 25)));
        Assert.That(RateKeys.RatesDay("2026-11-25"), Is.Null);
        Assert.That(string.CompareOrdinal(RateKeys.RatesRow(new DateOnly(2026, 9, 30)), RateKeys.RatesRow(new DateOnly(2026, 10, 1))), Is.Negative);
    }

    [Test]
    public void Entity_DayRates_RoundTripExactly()
    {
        var rates = new DayRates(new DateOnly(2026, 11, 25), "EUR",
            new Dictionary<string, decimal> { ["USD"] = 1.0823m, ["KWD"] = 0.3071234567m, ["IDR"] = 17623.42m }, "put:json");
        var storedAt = new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

        var entity = RatesEntity.From(rates, storedAt);
        var read = RatesEntity.ToRates(entity)!;

        Assert.That(entity.PartitionKey, Is.EqualTo("2026"));
        Assert.That(entity.RowKey, Is.EqualTo("20261125"));
        Assert.That(entity["KWD"], Is.EqualTo("0.3071234567"), "text, never a double");
        Assert.That(read.SameRatesAs(rates), Is.True);
        Assert.That(read.Source, Is.EqualTo("put:json"));
        Assert.That(read.StoredAt, Is.EqualTo(storedAt));
        Assert.That(read.IsPut, Is.True);
    }

    [Test]
    public void Entity_WithAPropertyThatIsNotARate_LeavesItOut()
    {
        var entity = new TableEntity("2026", "20261125")
        {
            ["Base"] = "EUR", ["Source"] = "fetch:https://rates.example/x.xml", ["USD"] = "1.0823", ["GBP"] = "n/a", ["JPY"] = 162.45, ["CHF"] = "-1", ["Note"] = "x",
        };

        var read = RatesEntity.ToRates(entity)!;

        Assert.That(read.Rates.Keys, Is.EqualTo(new[] { "USD" }), "a currency whose rate cannot be read is missing, never guessed");
        Assert.That(read.IsPut, Is.False);
        Assert.That(RatesEntity.ToRates(new TableEntity("2026", "notaday") { ["Base"] = "EUR" }), Is.Null);
    }
}
